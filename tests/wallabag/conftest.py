"""A user of the Wallabag-compatible API: an API client of theirs and an access token
got from /oauth/v2/token, as a Wallabag app gets one."""
from __future__ import annotations

import pytest

from server.services import clients as client_service
from tests.conftest import PASSWORD

ARTICLE = """<html><head><title>Winter Orchards</title></head><body><article>
<h1>Winter Orchards</h1>
<p>Pruning apple trees in the cold months keeps them strong. The gardener removes crossing
branches first, then the ones that grow straight up, and leaves the fruiting spurs alone.</p>
<p>A sharp saw and clean cuts matter more than the day chosen. Old trees are pruned over
several winters so that they do not answer with a thicket of water shoots in spring.</p>
<p>Mulch around the trunk, but not touching it, keeps the roots even in temperature and the
voles away from the bark through the long frosts of January and February.</p>
</article></body></html>"""


def article(title: str) -> str:
    return ARTICLE.replace("Winter Orchards", title)


class WallabagUser:
    """Calls the Wallabag paths with the user's Bearer access token."""

    def __init__(self, client, api_user, client_id, secret, tokens):
        self.client, self.api = client, api_user
        self.client_id, self.secret, self.tokens = client_id, secret, tokens

    @property
    def user(self):
        return self.api.user

    def headers(self):
        return {"Authorization": f"Bearer {self.tokens['access_token']}"}

    def get(self, path, **kw):
        return self.client.get(path, headers=self.headers(), **kw)

    def delete(self, path, **kw):
        return self.client.delete(path, headers=self.headers(), **kw)

    def post(self, path, data=None, **kw):
        return self.client.post(path, data=data, headers=self.headers(), **kw)

    def put(self, path, data=None, **kw):
        return self.client.put(path, data=data, headers=self.headers(), **kw)

    def patch(self, path, data=None, **kw):
        return self.client.patch(path, data=data, headers=self.headers(), **kw)

    def save(self, title: str, url: str | None = None) -> dict:
        """An entry saved with its HTML (no fetch)."""
        url = url or f"https://example.org/{title.lower().replace(' ', '-')}"
        resp = self.post("/api/entries", data={"url": url, "content": article(title), "title": title})
        assert resp.status_code == 200, resp.get_json()
        return resp.get_json()


@pytest.fixture()
def make_wallabag_user(session, client, make_user):
    def make(name: str) -> WallabagUser:
        api_user = make_user(name)
        api_client, secret = client_service.create_client(session, api_user.user, f"{name}'s app")
        session.commit()
        resp = client.post("/oauth/v2/token", data={
            "grant_type": "password", "client_id": api_client.client_id, "client_secret": secret,
            "username": name, "password": PASSWORD})
        assert resp.status_code == 200, resp.get_json()
        return WallabagUser(client, api_user, api_client.client_id, secret, resp.get_json())

    return make


@pytest.fixture()
def wb(make_wallabag_user):
    return make_wallabag_user("walter")
