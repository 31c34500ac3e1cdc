"""Signing in and out, the first account, login links, and the sign-in wall."""
from __future__ import annotations

from datetime import timedelta

import pytest

from server.models import AuthFailure, LoginLink, utcnow
from server.services import auth as auth_service

from tests.conftest import PASSWORD


def test_login_page_has_the_contract_fields_and_a_csrf_token(web):
    html = web.text("/login")
    assert 'name="username"' in html and 'name="password"' in html
    assert 'name="csrf_token"' in html


def test_good_sign_in_redirects_to_the_library_with_a_safe_session_cookie(web, alice, app):
    resp = web.login("alice")
    assert resp.status_code == 302
    assert resp.headers["Location"] == "/"
    cookie = resp.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Secure" not in cookie
    assert "Library" in web.text("/")


def test_session_cookie_is_secure_when_configured(web, alice, app):
    app.config["SESSION_COOKIE_SECURE"] = True
    try:
        resp = web.login("alice")
    finally:
        app.config["SESSION_COOKIE_SECURE"] = False
    assert "; Secure" in resp.headers["Set-Cookie"]


def test_sign_in_goes_back_to_the_page_asked_for_but_never_off_site(web, alice):
    assert web.login("alice", next="/tags").headers["Location"] == "/tags"
    web.client.post("/logout", data={"csrf_token": web.csrf("/")})
    assert web.login("alice", next="//evil.example/x").headers["Location"] == "/"


def test_wrong_password_says_so_and_counts_the_failure(web, alice, session):
    resp = web.login("alice", "not the password")
    assert resp.status_code == 401
    assert "Wrong username or password." in resp.get_data(as_text=True)
    assert session.query(AuthFailure).count() == 2  # per username and per client address
    assert web.get("/").status_code == 302


def test_failed_sign_ins_are_rate_limited(web, alice, app):
    for _ in range(app.config["LOGIN_MAX_FAILURES"]):
        assert web.login("alice", "wrong password").status_code == 401
    resp = web.login("alice")  # even the right password waits now
    assert resp.status_code == 429
    assert resp.headers["Retry-After"]
    assert "Too many failed sign-ins" in resp.get_data(as_text=True)


def test_sign_in_without_the_csrf_token_is_refused(web, alice):
    web.get("/login")
    resp = web.client.post("/login", data={"username": "alice", "password": PASSWORD})
    assert resp.status_code == 403
    assert "form has expired" in resp.get_data(as_text=True)
    assert web.get("/").status_code == 302


def test_empty_sign_in_form_asks_for_both_fields(web, alice):
    resp = web.login("alice", "")
    assert resp.status_code == 422
    assert "Enter your username and password." in resp.get_data(as_text=True)


@pytest.mark.parametrize("path", ["/", "/?q=x", "/highlights", "/tags", "/tokens", "/pages/1"])
def test_signed_out_visitors_are_sent_to_sign_in(web, path):
    resp = web.get(path)
    assert resp.status_code == 302
    assert resp.headers["Location"].startswith("/login?next=")


def test_sign_out_needs_the_csrf_token_and_ends_the_session(web, signed_in):
    assert web.client.post("/logout").status_code == 403
    assert web.get("/").status_code == 200
    resp = web.post_form("/logout")
    assert resp.status_code == 302 and resp.headers["Location"] == "/login"
    assert web.get("/").status_code == 302


def test_setup_creates_the_first_account_and_signs_it_in(web, session):
    assert auth_service.user_count(session) == 0
    login_page = web.text("/login")
    assert 'href="/setup"' in login_page
    token = web.csrf("/setup")
    resp = web.client.post("/setup", data={"username": "first", "password": "long enough pw",
                                           "password_again": "long enough pw", "csrf_token": token})
    assert resp.status_code == 302 and resp.headers["Location"] == "/"
    assert "first" in web.text("/")
    assert auth_service.user_count(session) == 1


def test_setup_rejects_mismatched_or_short_passwords(web):
    token = web.csrf("/setup")
    resp = web.client.post("/setup", data={"username": "first", "password": "long enough pw",
                                           "password_again": "other", "csrf_token": token})
    assert resp.status_code == 422 and "not the same" in resp.get_data(as_text=True)
    resp = web.client.post("/setup", data={"username": "first", "password": "short",
                                           "password_again": "short", "csrf_token": token})
    assert resp.status_code == 422 and "at least 8 characters" in resp.get_data(as_text=True)


def test_setup_is_gone_once_there_is_an_account(web, alice):
    assert web.get("/setup").headers["Location"] == "/login"
    resp = web.client.post("/setup", data={"username": "mallory", "password": "long enough pw",
                                           "password_again": "long enough pw"})
    assert resp.status_code == 302
    assert 'href="/setup"' not in web.text("/login")


def test_login_link_signs_in_once_and_opens_the_reader(web, alice, seed_page):
    url = alice.post("/api/v1/login-links", json={"page_id": seed_page["id"]}).get_json()["url"]
    path = url.split("localhost", 1)[1]
    resp = web.get(path, headers={"Sec-Fetch-Site": "none"})
    assert resp.status_code == 302
    assert resp.headers["Location"] == f"/pages/{seed_page['id']}"
    assert web.get(f"/pages/{seed_page['id']}").status_code == 200
    reused = web.get(path, headers={"Sec-Fetch-Site": "none"})
    assert reused.status_code == 404
    assert "already used or expired" in reused.get_data(as_text=True)


def _login_link(api_user, page_id: int) -> str:
    url = api_user.post("/api/v1/login-links", json={"page_id": page_id}).get_json()["url"]
    return url.split("localhost", 1)[1]


@pytest.mark.parametrize("fetch_site", ["cross-site", "same-site", None])
def test_login_link_opened_from_another_site_asks_first(web, alice, bob, fetch_site, save_article):
    """An attacker's page navigating the victim to the attacker's own login link does not
    sign the victim in: the link shows whom it signs in, with a form that posts."""
    page = save_article("Mallory's bait", user=bob)
    path = _login_link(bob, page["id"])
    headers = {"Sec-Fetch-Site": fetch_site} if fetch_site else {}
    resp = web.get(path, headers={**headers, "Referer": "https://evil.example/"})
    assert resp.status_code == 200
    html = resp.get_data(as_text=True)
    assert "Sign in as bob?" in html and f'action="{path}"' in html and 'method="post"' in html
    assert resp.headers["Cache-Control"] == "no-store"
    # nothing signed in, the link still unused
    assert web.client.get("/api/v1/pages").status_code == 401
    # a cross-site form post (no CSRF token of this browser's session) is refused
    assert web.client.post(path, headers={"Sec-Fetch-Site": "cross-site"}).status_code == 403
    assert web.client.get("/api/v1/pages").status_code == 401
    # the person who opened it on purpose confirms
    resp = web.post_form(path, from_page=path)
    assert resp.status_code == 302 and resp.headers["Location"] == f"/pages/{page['id']}"
    assert [p["id"] for p in web.client.get("/api/v1/pages").get_json()["items"]] == [page["id"]]
    assert web.get(path, headers={"Sec-Fetch-Site": "cross-site"}).status_code == 404


def test_login_link_from_gloss_itself_signs_in_at_once(web, alice, seed_page):
    path = _login_link(alice, seed_page["id"])
    resp = web.get(path, headers={"Sec-Fetch-Site": "same-origin"})
    assert resp.status_code == 302 and resp.headers["Location"] == f"/pages/{seed_page['id']}"


def test_a_successful_sign_in_forgets_failures_that_no_longer_count(web, alice, app, session, seed_page):
    window = app.config["LOGIN_FAILURE_WINDOW_S"]
    long_ago = utcnow() - timedelta(seconds=window + 60)
    session.add_all([AuthFailure(key="client:203.0.113.9", at=long_ago),
                     AuthFailure(key="client:203.0.113.10", at=utcnow())])
    session.add(LoginLink(user_id=alice.user.id, page_id=seed_page["id"], digest="old",
                          expires_at=utcnow() - timedelta(days=2)))
    session.commit()
    assert web.login("alice").status_code == 302
    assert [f.key for f in session.query(AuthFailure)] == ["client:203.0.113.10"]  # still within the window
    assert session.query(LoginLink).filter_by(digest="old").count() == 0
