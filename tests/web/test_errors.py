"""Error pages of the web UI, and the security headers on every HTML answer."""
from __future__ import annotations


def test_unknown_address_is_a_friendly_404_page(web, signed_in):
    resp = web.get("/no/such/page")
    assert resp.status_code == 404
    html = resp.get_data(as_text=True)
    assert "<h1 class=\"error-page__title\">Not found</h1>" in html
    assert "Back to your library" in html
    assert 'aria-current' not in html or "Library" in html


def test_api_errors_stay_json(web, signed_in):
    resp = web.get("/api/v1/pages/999999", headers={"Accept": "text/html"})
    assert resp.status_code == 404 and resp.get_json()["error"]["code"] == "not_found"


def test_every_html_page_has_a_strict_csp(web, signed_in, seed_page):
    for path in ("/login", "/", "/highlights", "/tags", "/tokens", f"/pages/{seed_page['id']}", "/nope"):
        csp = web.get(path).headers["Content-Security-Policy"]
        assert "unsafe-inline" not in csp and "unsafe-eval" not in csp, path


def test_static_files_are_served(web):
    for name, kind in (("gloss.css", "text/css"), ("app.js", "text/javascript"), ("reader.js", "text/javascript")):
        with web.get(f"/assets/{name}") as resp:
            assert resp.status_code == 200 and resp.mimetype == kind, name
