from __future__ import annotations

import pytest

from server.services import fetch
from tests.local_site import LocalSite


@pytest.fixture()
def site():
    s = LocalSite()
    yield s
    s.close()


@pytest.fixture()
def loopback_allowed(app, monkeypatch):
    """The local test site is on 127.0.0.1, which Gloss refuses to fetch unless allowed."""
    monkeypatch.setitem(app.config, "FETCH_ALLOW_NETWORKS", fetch.parse_networks("127.0.0.1/32"))


@pytest.fixture()
def loopback_settings():
    return fetch.FetchSettings(max_bytes=1024 * 1024, allow_networks=fetch.parse_networks("127.0.0.1/32"),
                               total_timeout=10)
