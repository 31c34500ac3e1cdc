"""The installable web app: manifest with icons and share target, the service worker
(served from the root, app shell only) and the offline page without user data."""
from __future__ import annotations

import json
import re
import struct

from server.web.app_shell import SHELL_ASSETS, shell_version


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    return struct.unpack(">II", data[16:24])


def test_the_manifest_names_what_an_installable_app_needs(web):
    resp = web.get("/manifest.webmanifest")  # no sign-in: the browser fetches it without cookies
    assert resp.status_code == 200
    assert resp.mimetype == "application/manifest+json"
    manifest = json.loads(resp.get_data(as_text=True))
    assert manifest["name"] == manifest["short_name"] == "Gloss"
    assert (manifest["start_url"], manifest["scope"], manifest["display"]) == ("/", "/", "standalone")
    assert re.fullmatch(r"#[0-9a-f]{6}", manifest["theme_color"])
    assert re.fullmatch(r"#[0-9a-f]{6}", manifest["background_color"])
    pngs = {(icon["sizes"], icon["purpose"]): icon["src"] for icon in manifest["icons"]
            if icon["type"] == "image/png"}
    assert set(pngs) == {("192x192", "any"), ("512x512", "any"), ("192x192", "maskable"),
                         ("512x512", "maskable")}
    for (sizes, _purpose), src in pngs.items():
        with web.get(src) as icon:
            assert icon.status_code == 200 and icon.mimetype == "image/png"
            width, height = png_size(icon.get_data())
        assert f"{width}x{height}" == sizes


def test_the_share_target_opens_the_confirm_page_with_url_text_and_title(web):
    share = json.loads(web.get("/manifest.webmanifest").get_data(as_text=True))["share_target"]
    assert share["action"] == "/share" and share["method"] == "GET"
    assert share["params"] == {"title": "title", "text": "text", "url": "url"}


def test_every_page_links_the_manifest_and_the_home_screen_icon(web, signed_in):
    for path in ("/", "/login", "/tokens"):
        html = web.text(path) if path != "/login" else web.get(path, follow_redirects=True).get_data(as_text=True)
        assert '<link rel="manifest" href="/manifest.webmanifest">' in html
        assert 'rel="apple-touch-icon"' in html and 'name="theme-color"' in html


def test_the_service_worker_is_served_from_the_root_and_revalidated(web):
    resp = web.get("/sw.js")
    assert resp.status_code == 200
    assert resp.mimetype == "text/javascript"
    assert resp.headers["Cache-Control"] == "no-cache"
    csp = resp.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp and "unsafe-eval" not in csp
    script = resp.get_data(as_text=True)
    assert json.dumps(shell_version()) in script


def test_the_service_worker_caches_the_app_shell_only(web):
    script = web.get("/sw.js").get_data(as_text=True)
    hit = re.search(r"const SHELL = (\[.*?\]);", script)
    assert hit is not None
    shell = json.loads(hit.group(1))
    assert shell == [*(f"/assets/{name}" for name in SHELL_ASSETS), "/palette.css"]
    hit = re.search(r"const OFFLINE = (\".*?\");", script)
    assert hit is not None
    assert json.loads(hit.group(1)) == "/offline"
    for path in shell:
        with web.get(path) as resp:
            assert resp.status_code == 200, path
    # It stores nothing but that list, fetched without cookies, and never answers for the API.
    assert script.count("cache.put") == 0 and 'credentials: "omit"' in script
    assert "/api/" not in script


def test_the_offline_page_holds_no_user_data_and_leaves_messages_alone(web, signed_in, save_article):
    save_article("Private Diaries")
    web.post_form("/links", {"url": "not a link"})
    with web.client.session_transaction() as session:
        session["_flashes"] = [("message", "A message for the next page")]
    html = web.text("/offline")
    assert "You are offline." in html
    assert "Private Diaries" not in html and "alice" not in html and "csrf" not in html
    assert "A message for the next page" not in html
    assert "A message for the next page" in web.text("/")
