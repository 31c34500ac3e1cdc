"""Wallabag app clients on the Extension & export page (secret shown once, revocable),
and starred pages: toggled in the library and the reader, filtered in the library."""
from __future__ import annotations

import re

from server.services import clients as client_service
from tests.conftest import PASSWORD
from tests.wallabag.conftest import article


def test_a_client_made_on_the_page_signs_a_wallabag_app_in_and_can_be_revoked(web, signed_in, session):
    resp = web.post_form("/clients", {"name": "KOReader <kobo>"}, from_page="/tokens")
    assert resp.status_code == 201 and resp.headers["Cache-Control"] == "no-store"
    html = resp.get_data(as_text=True)
    hit = re.search(r'id="new-client-id" value="([^"]+)"', html)
    assert hit is not None
    client_id = hit.group(1)
    hit = re.search(r'id="new-client-secret" value="([^"]+)"', html)
    assert hit is not None
    secret = hit.group(1)
    assert "KOReader &lt;kobo&gt;" in html
    grant = web.client.post("/oauth/v2/token", data={"grant_type": "password", "client_id": client_id,
                                                     "client_secret": secret, "username": "alice",
                                                     "password": PASSWORD})
    assert grant.status_code == 200
    token = grant.get_json()["access_token"]
    assert web.client.get("/api/entries", headers={"Authorization": f"Bearer {token}"}).status_code == 200

    listing = web.text("/tokens")
    assert client_id in listing and secret not in listing
    assert web.client.post("/clients", data={"name": "no csrf"}).status_code == 403
    (row,) = client_service.list_clients(session, signed_in.user)
    assert web.client.post(f"/clients/{row.id}/revoke").status_code == 403
    assert web.post_form(f"/clients/{row.id}/revoke", from_page="/tokens").status_code == 302
    assert "The client was revoked" in web.text("/tokens")
    assert web.client.get("/api/entries", headers={"Authorization": f"Bearer {token}"}).status_code == 401


def test_another_users_client_cannot_be_revoked(web, signed_in, bob, session):
    theirs, _secret = client_service.create_client(session, bob.user, "bob's phone")
    session.commit()
    assert web.post_form(f"/clients/{theirs.id}/revoke", from_page="/tokens").status_code == 404
    assert client_service.list_clients(session, bob.user)


def _save(api, title):
    resp = api.save(f"https://example.org/{title.lower()}", article(title))
    assert resp.status_code == 201
    return resp.get_json()["id"]


def test_stars_are_toggled_in_the_library_and_the_reader_and_filter_the_library(web, signed_in):
    plain, starred = _save(signed_in, "Plain"), _save(signed_in, "Favourite")
    resp = web.post_form(f"/pages/{starred}/star", {"starred": "true", "from": "library"}, from_page="/")
    assert resp.status_code == 302 and resp.headers["Location"].startswith("/")
    assert signed_in.get(f"/api/v1/pages/{starred}").get_json()["starred"] is True

    library = web.text("/")
    assert re.search(rf'data-page-id="{starred}"[^>]*data-starred="true"', library)
    assert re.search(rf'data-page-id="{plain}"[^>]*data-starred="false"', library)
    for query in ("/?starred=true", "/?starred=1"):
        only = web.text(query)
        assert "Favourite" in only and "Plain" not in only
    assert "Plain" in web.text("/?starred=false") and "Favourite" not in web.text("/?starred=false")
    listed = signed_in.get("/api/v1/pages", query_string={"starred": "true"}).get_json()["items"]
    assert [p["id"] for p in listed] == [starred]

    reader = web.text(f"/pages/{starred}")
    assert "★ Starred" in reader
    resp = web.post_form(f"/pages/{starred}/star", {"starred": "false"}, from_page=f"/pages/{starred}")
    assert resp.status_code == 302 and resp.headers["Location"].endswith(f"/pages/{starred}")
    assert signed_in.get(f"/api/v1/pages/{starred}").get_json()["starred"] is False
    assert "☆ Star" in web.text(f"/pages/{starred}")
    assert web.client.post(f"/pages/{starred}/star", data={"starred": "true"}).status_code == 403


def test_another_users_page_cannot_be_starred(web, signed_in, bob):
    theirs = _save(bob, "Theirs")
    assert web.post_form(f"/pages/{theirs}/star", {"starred": "true"}).status_code == 404
    assert bob.get(f"/api/v1/pages/{theirs}").get_json()["starred"] is False


def test_the_api_stars_a_page(signed_in):
    page = _save(signed_in, "Starred-by-API")
    resp = signed_in.patch(f"/api/v1/pages/{page}", json={"starred": True})
    assert resp.status_code == 200 and resp.get_json()["starred"] is True and resp.get_json()["starred_at"]
