"""The reader shows an article's images through Gloss: signed per page and user, fetched
once with the fetcher's address checks, size-capped, raster only; the stored HTML and
exports keep the original image URLs."""
from __future__ import annotations

import html as html_lib
import http.cookiejar
import json
import re
import struct
import threading
import time
import urllib.parse
import urllib.request
import zlib
from urllib.parse import unquote

import pytest
from sqlalchemy import func, select

from server.models import CachedImage, User
from server.services.images import signature
from server.services import fetch
from tests.conftest import PASSWORD, LiveServer
from tests.local_site import LocalSite, Route
from tests.web.conftest import CSRF_FIELD, WebClient

IMG_SRC = re.compile(r'<img\b[^>]*\bsrc="([^"]*)"')
CAP = 4096


def tiny_png() -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(b"\x00\x00")) + chunk(b"IEND", b""))


PNG = tiny_png()
SVG = b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(2)</script></svg>'


@pytest.fixture()
def site(app, monkeypatch):
    monkeypatch.setitem(app.config, "FETCH_ALLOW_NETWORKS", fetch.parse_networks("127.0.0.1/32"))
    monkeypatch.setitem(app.config, "MAX_IMAGE_BYTES", CAP)
    s = LocalSite()
    s.routes["/photo.png"] = Route(body=PNG, headers={"Content-Type": "image/png"})
    s.routes["/drawing.jpg"] = Route(body=SVG, headers={"Content-Type": "image/svg+xml"})
    s.routes["/disguised.png"] = Route(body=SVG, headers={"Content-Type": "image/png"})
    s.routes["/huge.png"] = Route(body=PNG + b"\0" * (CAP * 2), headers={"Content-Type": "image/png"})
    s.redirect("/to-metadata.png", "http://169.254.169.254/latest/meta-data.png")
    s.redirect("/to-loopback.png", f"http://127.0.0.2:{s.port}/photo.png")
    yield s
    s.close()


def article_with_images(site) -> str:
    paragraphs = "".join(f"<p>Paragraph {i} walks through the garden at dusk, where the beds are quiet "
                         "and the soil still holds the warmth of the afternoon.</p>" for i in range(6))
    figures = "".join(f'<figure><img src="{site.base}/{name}" alt="{name}"><figcaption>Figure {name}'
                      "</figcaption></figure>"
                      for name in ("photo.png", "drawing.jpg", "disguised.png", "huge.png", "to-metadata.png",
                                   "to-loopback.png"))
    return (f"<html><head><title>Pictures</title></head><body><article><h1>Pictures</h1>"
            f"{paragraphs[:len(paragraphs) // 2]}{figures}{paragraphs[len(paragraphs) // 2:]}"
            "</article></body></html>")


@pytest.fixture()
def pictures(signed_in, site):
    resp = signed_in.save("https://example.org/pictures", article_with_images(site))
    assert resp.status_code == 201, resp.get_json()
    return resp.get_json()


def reader_images(web, page_id: int) -> dict[str, str]:
    """The reader's image URLs, by the original URL each stands for."""
    page = web.text(f"/pages/{page_id}")
    sources = [html_lib.unescape(src) for src in IMG_SRC.findall(page)]
    assert sources
    out = {}
    for src in sources:
        assert src.startswith(f"/pages/{page_id}/image?"), src
        hit = re.search(r"[?&]src=([^&]+)", src)
        assert hit is not None
        original = hit.group(1)
        out[unquote(original)] = src
    return out


def test_the_reader_loads_no_remote_image_and_its_csp_allows_images_from_gloss_only(web, pictures, site):
    resp = web.get(f"/pages/{pictures['id']}")
    csp = resp.headers["Content-Security-Policy"]
    assert "img-src 'self' data:;" in csp and "https:" not in csp and "http:" not in csp
    images = reader_images(web, pictures["id"])
    assert set(images) == {f"{site.base}/{name}" for name in
                           ("photo.png", "drawing.jpg", "disguised.png", "huge.png", "to-metadata.png",
                            "to-loopback.png")}
    assert site.requests == []  # rendering fetched nothing


def test_a_raster_image_is_fetched_once_and_then_served_from_the_cache(web, pictures, site, session):
    src = reader_images(web, pictures["id"])[f"{site.base}/photo.png"]
    first = web.get(src)
    assert first.status_code == 200
    assert first.mimetype == "image/png" and first.data == PNG
    assert first.headers["X-Content-Type-Options"] == "nosniff"
    assert [path for path, _ in site.requests] == ["/photo.png"]
    assert site.requests[0][1]["user-agent"].startswith("Gloss/")

    again = web.get(src)
    assert again.status_code == 200 and again.data == PNG
    assert len(site.requests) == 1  # from the cache, not the site
    assert session.scalar(select(func.count()).select_from(CachedImage)
                          .where(CachedImage.url == f"{site.base}/photo.png")) == 1


@pytest.mark.parametrize("name", ["drawing.jpg", "disguised.png", "huge.png"])
def test_svg_other_types_and_images_over_the_cap_are_refused(web, pictures, site, name):
    resp = web.get(reader_images(web, pictures["id"])[f"{site.base}/{name}"])
    assert resp.status_code == 404
    assert b"<svg" not in resp.data
    # The refusal is cached too: reading the page again does not fetch it again.
    fetched = len(site.requests)
    assert web.get(reader_images(web, pictures["id"])[f"{site.base}/{name}"]).status_code == 404
    assert len(site.requests) == fetched


@pytest.mark.parametrize("name", ["to-metadata.png", "to-loopback.png"])
def test_a_redirect_to_a_private_address_is_not_followed(web, pictures, site, name, session):
    resp = web.get(reader_images(web, pictures["id"])[f"{site.base}/{name}"])
    assert resp.status_code == 404
    assert [path for path, _ in site.requests] == [f"/{name}"]  # never /photo.png through 127.0.0.2
    row = session.scalar(select(CachedImage).where(CachedImage.url == f"{site.base}/{name}"))
    assert row.body is None and "not allowed" in row.error


def test_only_the_reader_of_the_page_may_load_its_images(app, web, pictures, site, make_user, save_article,
                                                         session):
    src = reader_images(web, pictures["id"])[f"{site.base}/photo.png"]
    other_page = save_article("Another page")

    make_user("bob")
    bob = WebClient(app.test_client())
    assert bob.login("bob").status_code == 302
    assert bob.get(src).status_code == 404  # alice's signed URL, bob's session
    # Even a URL signed for bob does not open alice's page.
    bob_id = session.scalar(select(User.id).where(User.username == "bob"))
    forged = re.sub(r"sig=[0-9a-f]+", "sig=" + signature("test-secret", bob_id, pictures["id"],
                                                         f"{site.base}/photo.png"), src)
    assert forged != src and bob.get(forged).status_code == 404

    tampered = src.replace("sig=", "sig=0")
    moved = src.replace(f"/pages/{pictures['id']}/", f"/pages/{other_page['id']}/")
    elsewhere = src.replace("photo.png", "drawing.jpg")
    odd = re.sub(r"sig=[0-9a-f]+", "sig=%C3%A9", src)
    for url in (tampered, moved, elsewhere, odd, f"/pages/{pictures['id']}/image?src=x",
                f"/pages/{2 ** 63}/image?src=x&sig=0"):
        assert web.get(url).status_code == 404, url
    # A NUL byte is refused before any view runs, as everywhere.
    assert web.get(re.sub(r"sig=[0-9a-f]+", "sig=%C3%A9%00", src)).status_code == 400
    assert site.requests == []

    signed_out = app.test_client()
    resp = signed_out.get(src)
    assert resp.status_code == 302 and "/login" in resp.headers["Location"]


def test_stored_html_and_exports_keep_the_original_image_urls(web, signed_in, pictures, site):
    original = f'src="{site.base}/photo.png"'
    assert original in signed_in.get(f"/api/v1/pages/{pictures['id']}").get_json()["html"]
    exported = signed_in.get("/api/v1/export?format=json")
    assert exported.status_code == 200
    pages = json.loads(exported.get_data(as_text=True))["pages"]
    assert any(original in page["html"] for page in pages)
    assert "/image?" not in exported.get_data(as_text=True)


def test_a_slow_image_site_does_not_hold_the_server(tmp_path):
    """Under `gloss serve` (one worker, one request in the app at a time), the reader's
    image fetch waits on the other site outside the app's slot: other requests go on."""
    slow_site = LocalSite()
    slow_site.routes["/slow.png"] = Route(body=PNG, headers={"Content-Type": "image/png"}, delay=6)
    server = LiveServer(tmp_path, workers=1)
    server.env.update(GLOSS_SERVE_JOB_WORKER="0", GLOSS_THREADS="1", GLOSS_FETCH_ALLOW_NETWORKS="127.0.0.1/32")
    server.start()
    try:
        token = server.create_user("reader")
        html = article_with_images(slow_site).replace("photo.png", "slow.png")
        request = urllib.request.Request(
            server.base + "/api/v1/pages", method="POST",
            data=json.dumps({"url": "https://example.org/slow-pictures", "html": html}).encode(),
            headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=60) as resp:
            page_id = json.loads(resp.read())["id"]

        browser = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
        login = browser.open(server.base + "/login", timeout=30).read().decode()
        hit = CSRF_FIELD.search(login)
        assert hit is not None
        form = {"username": "reader", "password": PASSWORD, "csrf_token": hit.group(1)}
        browser.open(server.base + "/login", data=urllib.parse.urlencode(form).encode(), timeout=30).read()
        reader = browser.open(f"{server.base}/pages/{page_id}", timeout=30).read().decode()
        src = next(html_lib.unescape(s) for s in IMG_SRC.findall(reader) if "slow.png" in s)

        image: dict[str, bytes] = {}
        fetching = threading.Thread(
            target=lambda: image.update(body=browser.open(server.base + src, timeout=60).read()))
        fetching.start()
        while not slow_site.requests:  # the image fetch has begun
            time.sleep(0.05)
        listing = urllib.request.Request(server.base + "/api/v1/pages", headers={"Authorization": f"Bearer {token}"})
        with urllib.request.urlopen(listing, timeout=30) as resp:
            assert resp.status == 200
        assert fetching.is_alive()  # answered while the image was still on its way
        fetching.join(60)
        assert image["body"] == PNG
    finally:
        server.close()
        slow_site.close()
