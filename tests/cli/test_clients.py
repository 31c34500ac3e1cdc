"""`gloss clients`: API clients of Wallabag-compatible apps from the command line."""
from __future__ import annotations

import pytest
from sqlalchemy import select

from server.models import ApiClient
from server.services.auth import digest
from tests.conftest import PASSWORD


@pytest.fixture()
def runner(app, session):
    return app.test_cli_runner()


def _create(runner, name="koreader", user="alice"):
    result = runner.invoke(args=["clients", "create", name, "--user", user])
    assert result.exit_code == 0, result.output
    id_line, secret_line = result.stdout.strip().splitlines()[-2:]
    assert id_line.startswith("client_id: ") and secret_line.startswith("client_secret: ")
    return id_line.removeprefix("client_id: "), secret_line.removeprefix("client_secret: ")


def test_create_prints_id_and_secret_last_and_they_sign_in(runner, session, alice, client):
    client_id, secret = _create(runner)
    row = session.scalar(select(ApiClient).where(ApiClient.client_id == client_id))
    assert row.user_id == alice.user.id and row.name == "koreader" and row.secret_digest == digest(secret)
    resp = client.get("/oauth/v2/token", query_string={"grant_type": "password", "client_id": client_id,
                                                        "client_secret": secret, "username": "alice",
                                                        "password": PASSWORD})
    assert resp.status_code == 200 and resp.get_json()["access_token"]


def test_list_and_revoke(runner, session, alice, client):
    client_id, secret = _create(runner)
    listed = runner.invoke(args=["clients", "list", "--user", "alice"])
    assert client_id in listed.stdout and secret not in listed.stdout
    assert runner.invoke(args=["clients", "revoke", client_id, "--user", "alice"]).exit_code == 0
    resp = client.post("/oauth/v2/token", data={"grant_type": "password", "client_id": client_id,
                                                "client_secret": secret, "username": "alice", "password": PASSWORD})
    assert resp.get_json()["error"] == "invalid_client"


def test_create_needs_an_existing_user(runner):
    result = runner.invoke(args=["clients", "create", "app", "--user", "nobody"])
    assert result.exit_code != 0 and "no user named" in result.output
    assert runner.invoke(args=["clients", "create", "app"]).exit_code != 0  # --user is required


def test_another_users_client_is_not_revoked(runner, alice, bob):
    client_id, _ = _create(runner, user="bob")
    result = runner.invoke(args=["clients", "revoke", client_id, "--user", "alice"])
    assert result.exit_code != 0
    assert client_id in runner.invoke(args=["clients", "list", "--user", "bob"]).stdout
