"""Tokens, sign-in rate limit, login links, session cookie + CSRF, server info."""
from sqlalchemy import event, select

from server.models import ApiToken, User
from server.services import auth as auth_service
from server.services.auth import digest
from tests.conftest import PASSWORD

ARTICLE = ("<html><body><article><h1>Title</h1>"
           + "<p>A sentence long enough to count as an article paragraph for the extractor. </p>" * 12
           + "</article></body></html>")


def test_server_info_needs_no_auth(client):
    r = client.get("/api/v1/server")
    assert r.status_code == 200 and r.json["name"] == "gloss" and r.json["version"]


def test_token_from_password_is_stored_as_digest(client, alice, session):
    r = client.post("/api/v1/tokens", json={"username": "alice", "password": PASSWORD})
    assert r.status_code == 201
    token = r.json["token"]
    assert len(token) >= 43
    rows = session.scalars(select(ApiToken).where(ApiToken.user_id == alice.user.id)).all()
    assert digest(token) in {row.digest for row in rows}
    assert all(token not in row.digest for row in rows)
    assert client.get("/api/v1/pages", headers={"Authorization": f"Bearer {token}"}).status_code == 200


def test_username_is_case_insensitive_for_sign_in(client, alice):
    assert client.post("/api/v1/tokens", json={"username": "ALICE", "password": PASSWORD}).status_code == 201


def test_password_is_hashed_with_argon2(alice, session):
    stored = session.get(User, alice.user.id).password_hash
    assert stored.startswith("$argon2") and PASSWORD not in stored


def test_wrong_password_is_401_then_rate_limited(client, alice, app):
    for _ in range(app.config["LOGIN_MAX_FAILURES"]):
        r = client.post("/api/v1/tokens", json={"username": "alice", "password": "wrong password"})
        assert r.status_code == 401 and r.json["error"]["code"] == "invalid_credentials"
    r = client.post("/api/v1/tokens", json={"username": "alice", "password": PASSWORD})
    assert r.status_code == 429 and r.json["error"]["code"] == "rate_limited"
    assert int(r.headers["Retry-After"]) > 0


def test_unknown_user_is_401(client, alice):
    r = client.post("/api/v1/tokens", json={"username": "nobody", "password": PASSWORD})
    assert r.status_code == 401 and r.json["error"]["code"] == "invalid_credentials"


def test_token_request_validation(client):
    assert client.post("/api/v1/tokens", json={"username": "x"}).status_code == 422


def test_login_link_signs_in_once(client, alice):
    pid = alice.save("https://example.org/a", ARTICLE).json["id"]
    r = alice.post("/api/v1/login-links", json={"page_id": pid})
    assert r.status_code == 201
    url = r.json["url"]
    path = url.split("://", 1)[1].split("/", 1)[1]
    fresh = client.application.test_client()
    r = fresh.get("/" + path, headers={"Sec-Fetch-Site": "none"})  # the extension opens a tab
    assert r.status_code == 302 and r.headers["Location"].endswith(f"/pages/{pid}")
    # the browser is now signed in: the session cookie reads the API
    assert fresh.get(f"/api/v1/pages/{pid}").status_code == 200
    # single use
    assert client.application.test_client().get("/" + path, headers={"Sec-Fetch-Site": "none"}).status_code == 404


def test_login_link_for_someone_elses_page_is_404(alice, bob):
    pid = alice.save("https://example.org/a", ARTICLE).json["id"]
    assert bob.post("/api/v1/login-links", json={"page_id": pid}).status_code == 404


def test_session_cookie_needs_csrf_header_for_writes(client, alice, session):
    secret = auth_service.start_session(session, alice.user.id, 3600)
    session.commit()
    with client.session_transaction() as s:
        s["uid"] = alice.user.id
        s["sid"] = secret
        s["csrf"] = "the-token"
    assert client.get("/api/v1/pages").status_code == 200
    body = {"url": "https://example.org/a", "html": ARTICLE}
    r = client.post("/api/v1/pages", json=body)
    assert r.status_code == 403 and r.json["error"]["code"] == "forbidden"
    assert client.post("/api/v1/pages", json=body, headers={"X-CSRF-Token": "wrong"}).status_code == 403
    assert client.post("/api/v1/pages", json=body, headers={"X-CSRF-Token": "the-token"}).status_code == 201


def test_errors_are_json_everywhere(client):
    r = client.get("/api/v1/nothing-here")
    assert r.status_code == 404 and r.json["error"]["code"] == "not_found"
    r = client.put("/api/v1/server")
    assert r.status_code == 405 and r.json["error"]["message"]


def test_security_headers(client):
    csp = client.get("/api/v1/server").headers["Content-Security-Policy"]
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp and "script-src 'self'" in csp


def test_a_cookie_from_before_server_side_sessions_signs_no_one_in(client, alice):
    """Upgrading signs everyone out once: a cookie naming only the user is not a session."""
    with client.session_transaction() as s:
        s["uid"] = alice.user.id
        s["csrf"] = "the-token"
    assert client.get("/api/v1/pages").status_code == 401


def test_method_not_allowed_names_the_allowed_methods(client, alice):
    r = client.put("/api/v1/server")
    assert r.status_code == 405 and r.json["error"]["code"] == "bad_request"
    assert set(r.headers["Allow"].split(", ")) >= {"GET"}
    r = alice.put("/api/v1/pages")
    assert r.status_code == 405 and {"GET", "POST"} <= set(r.headers["Allow"].split(", "))
    r = client.put("/login")
    assert r.status_code == 405 and {"GET", "POST"} <= set(r.headers["Allow"].split(", "))


def test_the_caller_and_stale_fetches_are_looked_up_in_one_transaction(alice, database):
    alice.get("/api/v1/pages")  # the token's first use writes its last_used_at
    statements: list[str] = []

    def capture(conn, cursor, statement, parameters, context, executemany):
        statements.append(" ".join(statement.split()).upper())

    event.listen(database.engine, "before_cursor_execute", capture)
    try:
        assert alice.get("/api/v1/pages").status_code == 200
    finally:
        event.remove(database.engine, "before_cursor_execute", capture)
    lookup = next(i for i, sql in enumerate(statements) if "FROM USERS JOIN API_TOKENS" in sql)
    stale = next(i for i, sql in enumerate(statements) if i > lookup and "PAGES.STATE =" in sql)
    assert not any(sql.startswith(("COMMIT", "RELEASE SAVEPOINT")) for sql in statements[lookup:stale])
