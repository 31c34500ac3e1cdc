"""Sessions end on the server: a copied session cookie stops working after sign-out,
after "sign out everywhere" and after a password change (which also revokes tokens)."""
from __future__ import annotations

from server.models import User
from server.services import auth as auth_service
from tests.conftest import PASSWORD


def _cookie(client) -> str:
    cookie = client.get_cookie("session")
    assert cookie is not None
    return cookie.value


def _copy_of(app, cookie: str):
    """Another browser holding a copy of the cookie."""
    other = app.test_client()
    other.set_cookie("session", cookie)
    return other


def test_a_copied_cookie_stops_working_after_sign_out(web, signed_in, app):
    copy = _copy_of(app, _cookie(web.client))
    assert copy.get("/api/v1/pages").status_code == 200
    assert copy.get("/").status_code == 200
    assert web.post_form("/logout").status_code == 302
    assert copy.get("/api/v1/pages").status_code == 401
    assert copy.get("/").headers["Location"].startswith("/login")


def test_sign_out_leaves_the_users_other_browsers_signed_in(web, signed_in, app, client):
    first = _cookie(web.client)
    second_browser = app.test_client()
    second = type(web)(second_browser)
    assert second.login("alice").status_code == 302
    assert web.post_form("/logout").status_code == 302
    assert _copy_of(app, first).get("/api/v1/pages").status_code == 401
    assert second_browser.get("/api/v1/pages").status_code == 200


def test_sign_out_everywhere_ends_every_session_of_the_user(web, signed_in, app, bob):
    other_browser = type(web)(app.test_client())
    assert other_browser.login("alice").status_code == 302
    bobs_browser = type(web)(app.test_client())
    assert bobs_browser.login("bob").status_code == 302
    copy = _copy_of(app, _cookie(web.client))
    assert "Sign out everywhere" in web.text("/tokens")
    assert web.post_form("/logout", {"everywhere": "1"}, from_page="/tokens").status_code == 302
    assert copy.get("/api/v1/pages").status_code == 401
    assert other_browser.client.get("/api/v1/pages").status_code == 401
    assert bobs_browser.client.get("/api/v1/pages").status_code == 200


def test_password_change_ends_sessions_and_revokes_tokens(web, signed_in, app, session, bob):
    copy = _copy_of(app, _cookie(web.client))
    assert copy.get("/api/v1/pages").status_code == 200
    assert signed_in.get("/api/v1/pages").status_code == 200
    auth_service.set_password(session, session.get(User, signed_in.user.id), "a brand new password")
    session.commit()
    assert copy.get("/api/v1/pages").status_code == 401
    assert web.client.get("/api/v1/pages").status_code == 401
    assert signed_in.get("/api/v1/pages").status_code == 401
    assert bob.get("/api/v1/pages").status_code == 200  # nobody else's
    assert web.login("alice", PASSWORD).status_code == 401
    assert web.login("alice", "a brand new password").status_code == 302
    assert web.client.get("/api/v1/pages").status_code == 200


def test_gloss_user_password_signs_out_the_copied_cookie(web, signed_in, app, monkeypatch):
    copy = _copy_of(app, _cookie(web.client))
    assert copy.get("/api/v1/pages").status_code == 200
    monkeypatch.setenv("GLOSS_PASSWORD", "a brand new password")
    result = app.test_cli_runner().invoke(args=["user", "password", "alice"])
    assert result.exit_code == 0, result.output
    assert "signed out everywhere" in result.output
    assert copy.get("/api/v1/pages").status_code == 401
    assert signed_in.get("/api/v1/pages").status_code == 401
