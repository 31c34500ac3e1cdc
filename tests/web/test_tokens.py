"""API tokens for the extension (shown once, revocable) and the export links."""
from __future__ import annotations

import re


def test_tokens_page_lists_tokens_and_links_every_export(web, signed_in):
    html = web.text("/tokens")
    assert "created with" not in html  # the fixture's token has no name
    assert "Unnamed token" in html
    for fmt in ("markdown", "json", "csv", "w3c"):
        assert f'href="/api/v1/export?format={fmt}"' in html
    assert "http://localhost/opds" in html  # where e-readers find the OPDS catalog


def test_a_new_token_is_shown_once_and_works(web, signed_in):
    resp = web.post_form("/tokens", {"name": "Firefox <laptop>"}, from_page="/tokens")
    assert resp.status_code == 201
    assert resp.headers["Cache-Control"] == "no-store"
    html = resp.get_data(as_text=True)
    hit = re.search(r'id="new-token" value="([^"]+)"', html)
    assert hit is not None
    token = hit.group(1)
    assert "Firefox &lt;laptop&gt;" in html
    api = web.client.get("/api/v1/pages", headers={"Authorization": f"Bearer {token}"})
    assert api.status_code == 200
    assert token not in web.text("/tokens")


def test_revoking_a_token_signs_its_user_out(web, signed_in, session):
    from server.services import auth as auth_service

    token_id = auth_service.list_tokens(session, signed_in.user)[0].id
    assert web.client.post(f"/tokens/{token_id}/revoke").status_code == 403
    resp = web.post_form(f"/tokens/{token_id}/revoke", from_page="/tokens")
    assert resp.status_code == 302
    assert "The token was revoked" in web.text("/tokens")
    assert signed_in.get("/api/v1/pages").status_code == 401


def test_another_users_token_cannot_be_revoked(web, signed_in, bob, session):
    from server.services import auth as auth_service

    theirs = auth_service.list_tokens(session, bob.user)[0].id
    assert web.post_form(f"/tokens/{theirs}/revoke", from_page="/tokens").status_code == 404
    assert bob.get("/api/v1/pages").status_code == 200


def test_a_name_over_the_limit_is_refused_not_cut(web, signed_in, session):
    from server.limits import MAX_NAME
    from server.services import auth as auth_service

    before = len(auth_service.list_tokens(session, signed_in.user))
    for path in ("/tokens", "/clients"):
        resp = web.post_form(path, {"name": "n" * (MAX_NAME + 1)}, from_page="/tokens")
        assert resp.status_code == 422, path
        assert f"at most {MAX_NAME} characters" in resp.get_data(as_text=True)
    assert len(auth_service.list_tokens(session, signed_in.user)) == before
    html = web.text("/tokens")
    assert html.count(f'maxlength="{MAX_NAME}"') == 2
