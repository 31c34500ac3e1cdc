"""/oauth/v2/token as Wallabag (FOSOAuthServerBundle) answers it, and the Bearer access
tokens of the /api/ paths: expiring, hashed, refreshable, revocable."""
from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select, update

from server.models import ApiClient, AuthFailure, OAuthToken, utcnow
from server.services import auth as auth_service
from server.services import clients as client_service
from tests.conftest import PASSWORD


def _grant(client, method="post", **params):
    if method == "get":
        return client.get("/oauth/v2/token", query_string=params)
    return client.post("/oauth/v2/token", data=params)


def test_password_grant_by_get_and_post_answers_tokens_in_the_oauth_shape(client, session, make_user):
    alice = make_user("alice")
    app_client, secret = client_service.create_client(session, alice.user, "phone")
    session.commit()
    creds = dict(grant_type="password", client_id=app_client.client_id, client_secret=secret,
                 username="alice", password=PASSWORD)
    for method in ("get", "post"):
        resp = _grant(client, method, **creds)
        assert resp.status_code == 200
        body = resp.get_json()
        assert set(body) == {"access_token", "expires_in", "token_type", "scope", "refresh_token"}
        assert body["expires_in"] == 3600 and body["token_type"] == "bearer"
        assert isinstance(body["access_token"], str) and isinstance(body["refresh_token"], str)
        assert resp.headers["Cache-Control"] == "no-store"
        me = client.get("/api/user", headers={"Authorization": f"Bearer {body['access_token']}"})
        assert me.status_code == 200 and me.get_json()["username"] == "alice"
    # JSON bodies work too
    resp = client.post("/oauth/v2/token", json=creds)
    assert resp.status_code == 200


def test_token_endpoint_errors_have_fosoauth_codes(client, session, make_user):
    alice = make_user("alice")
    app_client, secret = client_service.create_client(session, alice.user, "phone")
    session.commit()
    base = dict(grant_type="password", client_id=app_client.client_id, client_secret=secret,
                username="alice", password=PASSWORD)
    cases = [
        (dict(base, grant_type=""), "invalid_request"),
        (dict(base, grant_type="client_credentials"), "unsupported_grant_type"),
        (dict(base, client_secret="wrong"), "invalid_client"),
        (dict(base, client_id="nobody"), "invalid_client"),
        (dict(base, password="wrong password"), "invalid_grant"),
        (dict(base, username=""), "invalid_request"),
        (dict(base, grant_type="refresh_token", refresh_token="made-up"), "invalid_grant"),
    ]
    for params, error in cases:
        resp = _grant(client, **params)
        assert resp.status_code == 400, params
        body = resp.get_json()
        assert body["error"] == error, (params, body)
        assert isinstance(body["error_description"], str) and body["error_description"]


def test_a_client_serves_only_its_own_user(client, session, make_user):
    alice, _bob = make_user("alice"), make_user("bob")
    app_client, secret = client_service.create_client(session, alice.user, "phone")
    session.commit()
    resp = _grant(client, grant_type="password", client_id=app_client.client_id, client_secret=secret,
                  username="bob", password=PASSWORD)
    assert resp.status_code == 400 and resp.get_json()["error"] == "invalid_grant"


def test_a_grant_refused_for_another_users_client_keeps_the_failures_counted(client, session, make_user):
    alice, _bob = make_user("alice"), make_user("bob")
    app_client, secret = client_service.create_client(session, alice.user, "phone")
    session.commit()
    grant = dict(grant_type="password", client_id=app_client.client_id, client_secret=secret, username="bob")
    assert _grant(client, **grant, password="a guess").status_code == 400
    counted = session.scalars(select(AuthFailure.key)).all()
    assert "user:bob" in counted
    # The right password, sent through a client that is not bob's, signs nobody in and
    # so clears nothing.
    assert _grant(client, **grant, password=PASSWORD).status_code == 400
    session.expire_all()
    assert sorted(session.scalars(select(AuthFailure.key)).all()) == sorted(counted)


def test_failed_password_grants_are_rate_limited(client, session, make_user, app, monkeypatch):
    alice = make_user("alice")
    app_client, secret = client_service.create_client(session, alice.user, "phone")
    session.commit()
    monkeypatch.setitem(app.config, "LOGIN_MAX_FAILURES", 3)
    statuses = [_grant(client, grant_type="password", client_id=app_client.client_id, client_secret=secret,
                       username="alice", password=f"guess {n}").status_code for n in range(5)]
    assert statuses[:3] == [400, 400, 400] and statuses[3:] == [429, 429]


def test_tokens_and_secrets_are_stored_as_digests(client, session, wb):
    row = session.scalar(select(OAuthToken).where(OAuthToken.user_id == wb.user.id))
    assert row.access_digest == auth_service.digest(wb.tokens["access_token"])
    assert row.refresh_digest == auth_service.digest(wb.tokens["refresh_token"])
    stored = session.scalar(select(ApiClient).where(ApiClient.client_id == wb.client_id))
    assert stored.secret_digest == auth_service.digest(wb.secret)
    assert wb.secret not in (stored.client_id, stored.name)


def test_an_expired_access_token_is_refused_and_a_refresh_gives_new_ones(client, session, wb):
    assert wb.get("/api/entries").status_code == 200
    session.execute(update(OAuthToken).values(access_expires_at=utcnow() - timedelta(seconds=1)))
    session.commit()
    resp = wb.get("/api/entries")
    assert resp.status_code == 401
    assert resp.get_json() == {"error": "invalid_grant", "error_description": "The access token provided is invalid."}
    assert "Bearer" in resp.headers["WWW-Authenticate"]

    resp = _grant(client, grant_type="refresh_token", client_id=wb.client_id, client_secret=wb.secret,
                  refresh_token=wb.tokens["refresh_token"])
    assert resp.status_code == 200
    wb.tokens = resp.get_json()
    assert wb.get("/api/entries").status_code == 200


def test_a_refresh_token_is_used_once(client, wb):
    params = dict(grant_type="refresh_token", client_id=wb.client_id, client_secret=wb.secret,
                  refresh_token=wb.tokens["refresh_token"])
    assert _grant(client, **params).status_code == 200
    resp = _grant(client, **params)
    assert resp.status_code == 400 and resp.get_json()["error"] == "invalid_grant"
    assert wb.get("/api/entries").status_code == 401  # the old access token went with it


def test_revoking_the_client_revokes_its_tokens(session, wb):
    pk = session.scalar(select(ApiClient.id).where(ApiClient.client_id == wb.client_id))
    client_service.revoke_client(session, wb.user, pk)
    session.commit()
    assert wb.get("/api/entries").status_code == 401


def test_a_new_password_revokes_the_tokens(session, wb):
    auth_service.set_password(session, wb.user, "another long password")
    session.commit()
    assert wb.get("/api/entries").status_code == 401


def test_api_paths_need_a_token(client, wb):
    resp = client.get("/api/entries")
    assert resp.status_code == 401 and resp.get_json()["error"] == "access_denied"
    resp = client.get("/api/entries", headers={"Authorization": "Bearer nonsense"})
    assert resp.status_code == 401 and resp.get_json()["error"] == "invalid_grant"
    # Gloss's own API tokens are not OAuth access tokens
    resp = client.get("/api/entries", headers={"Authorization": f"Bearer {wb.api.token}"})
    assert resp.status_code == 401
    assert client.get("/api/entries", query_string={"access_token": wb.tokens["access_token"]}).status_code == 200
    # version and info are public, as clients ask them before signing in
    assert client.get("/api/version").get_json() == "2.6.10"
    assert client.get("/api/info").get_json()["appname"] == "wallabag"
