"""Several app servers on one database, as behind a load balancer.

Two `gloss serve` processes (two gunicorn workers each) share one database and one
secret key; a client alternates between them. Everything a request relies on (tokens,
sessions and their CSRF token, single-use login links, the failed sign-in budget, the
one-page-per-URL rule under racing saves) must live in the database or the signed
cookie, never in one process's memory.
"""
from __future__ import annotations

import json
import re
import threading
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tests.conftest import FIXTURES, PASSWORD, LiveServer

SEED = (FIXTURES / "seed-article.html").read_text()


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


_opener = urllib.request.build_opener(_NoRedirect)


class Client:
    """One user agent: a Bearer token or the session cookie, whichever server it calls."""

    def __init__(self, token: str | None = None):
        self.token = token
        self.cookie: str | None = None

    def call(self, server: LiveServer, method: str, path: str, body=None, headers=None):
        data = json.dumps(body).encode() if body is not None else None
        sent = {"Content-Type": "application/json"} if data is not None else {}
        if self.token:
            sent["Authorization"] = f"Bearer {self.token}"
        if self.cookie:
            sent["Cookie"] = self.cookie
        request = urllib.request.Request(server.base + path, data=data, method=method,
                                         headers={**sent, **(headers or {})})
        try:
            response = _opener.open(request, timeout=60)
        except urllib.error.HTTPError as err:
            response = err
        with response:
            for value in response.headers.get_all("Set-Cookie") or []:
                if value.startswith("session="):
                    self.cookie = value.split(";", 1)[0]
            return response.status, response.headers, response.read()


@pytest.fixture()
def servers(tmp_path: Path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    first = LiveServer(tmp_path / "a", workers=2)
    second = LiveServer(tmp_path / "b", db=first.db, workers=2)
    try:
        first.start()
        second.start()
        yield first, second
    finally:
        second.close()
        first.close()


def test_two_servers_on_one_database_behave_as_one(servers):
    first, second = servers
    token = first.create_user("team")
    api = Client(token)

    # A page saved through one server is the same page on the other.
    status, _, body = api.call(first, "POST", "/api/v1/pages",
                               {"url": "https://news.example/story", "html": SEED})
    assert status == 201
    page = json.loads(body)
    status, _, body = api.call(second, "GET", f"/api/v1/pages/{page['id']}")
    assert status == 200 and json.loads(body)["text"] == page["text"]

    # Saves of one URL racing on both servers make one page.
    results: list[tuple[int, int]] = []

    def save(server: LiveServer) -> None:
        status, _, body = api.call(server, "POST", "/api/v1/pages",
                                   {"url": "https://news.example/race", "html": SEED})
        results.append((status, json.loads(body).get("id")))

    threads = [threading.Thread(target=save, args=(first if i % 2 else second,)) for i in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    statuses = sorted(status for status, _ in results)
    assert statuses == [200] * 7 + [201], results
    assert len({page_id for _, page_id in results}) == 1
    status, _, body = api.call(second, "GET", "/api/v1/pages")
    assert [p["url"] for p in json.loads(body)["items"]] == ["https://news.example/race",
                                                             "https://news.example/story"]

    # A login link made on one server signs in on the other, once.
    status, _, body = api.call(first, "POST", "/api/v1/login-links", {"page_id": page["id"]})
    assert status == 201
    path = "/" + json.loads(body)["url"].split("/", 3)[3]
    browser = Client()
    status, headers, _ = browser.call(second, "GET", path, headers={"Sec-Fetch-Site": "none"})
    assert status == 302 and headers["Location"].endswith(f"/pages/{page['id']}")
    assert browser.cookie is not None
    assert Client().call(first, "GET", path, headers={"Sec-Fetch-Site": "none"})[0] == 404

    # The session cookie and its CSRF token work on either server.
    status, _, body = browser.call(first, "GET", f"/pages/{page['id']}")
    assert status == 200
    hit = re.search(rb'<meta name="csrf-token" content="([^"]+)"', body)
    assert hit is not None
    csrf = hit.group(1).decode()
    status, _, body = browser.call(second, "PUT", f"/api/v1/pages/{page['id']}/tags",
                                   {"tags": ["team"]}, headers={"X-CSRF-Token": csrf})
    assert status == 200 and json.loads(body)["tags"] == ["team"]
    assert browser.call(first, "PUT", f"/api/v1/pages/{page['id']}/tags", {"tags": []})[0] == 403

    # Failed sign-ins count across servers: five wrong passwords, then even the right one waits.
    for server in (first, second, first, second, first):
        status, _, _ = Client().call(server, "POST", "/api/v1/tokens",
                                     {"username": "team", "password": "not the password"})
        assert status == 401
    for server in (second, first):
        status, headers, body = Client().call(server, "POST", "/api/v1/tokens",
                                              {"username": "team", "password": PASSWORD})
        assert status == 429 and json.loads(body)["error"]["code"] == "rate_limited"
