"""A browser-like client for the web UI: signs in through the form and sends
the CSRF token every form carries."""
from __future__ import annotations

import re

import pytest

from tests.conftest import PASSWORD, SEED_URL

CSRF_FIELD = re.compile(r'name="csrf_token" value="([^"]+)"')


class WebClient:
    def __init__(self, client):
        self.client = client

    def csrf(self, path: str = "/login") -> str:
        match = CSRF_FIELD.search(self.client.get(path).get_data(as_text=True))
        assert match, f"no csrf_token field on {path}"
        return match.group(1)

    def login(self, username: str, password: str = PASSWORD, **extra):
        token = self.csrf("/login")
        return self.client.post("/login", data={"username": username, "password": password,
                                                "csrf_token": token, **extra})

    def post_form(self, path: str, data: dict | None = None, *, from_page: str = "/"):
        """Submits a form the way the page would: with the session's CSRF token."""
        return self.client.post(path, data={"csrf_token": self.csrf(from_page), **(data or {})})

    def get(self, path: str, **kw):
        return self.client.get(path, **kw)

    def text(self, path: str) -> str:
        resp = self.client.get(path)
        assert resp.status_code == 200, (path, resp.status_code, resp.get_data(as_text=True)[:500])
        return resp.get_data(as_text=True)


@pytest.fixture()
def web(client):
    return WebClient(client)


@pytest.fixture()
def signed_in(web, alice):
    """Alice's API client, with the web client signed in as her."""
    resp = web.login("alice")
    assert resp.status_code == 302
    return alice


@pytest.fixture()
def seed_page(alice, seed_html) -> dict:
    resp = alice.save(SEED_URL, seed_html)
    assert resp.status_code == 201, resp.get_json()
    return resp.get_json()


def article_html(title: str, topic: str = "gardens", paragraphs: int = 6) -> str:
    """A small article page the extractor accepts."""
    body = "".join(f"<p>Paragraph {i} is about {topic}: the quiet pleasure of looking after them "
                   "every evening, before the light goes and the air cools down.</p>"
                   for i in range(paragraphs))
    return (f"<html><head><title>{title}</title><meta name='author' content='Ann Author'></head>"
            f"<body><article><h1>{title}</h1>{body}</article></body></html>")


@pytest.fixture()
def save_article(alice):
    def save(title: str, topic: str = "gardens", user=None, slug: str | None = None) -> dict:
        client = user or alice
        url = f"https://example.org/{slug or title.lower().replace(' ', '-')}"
        resp = client.save(url, article_html(title, topic))
        assert resp.status_code == 201, resp.get_json()
        return resp.get_json()

    return save
