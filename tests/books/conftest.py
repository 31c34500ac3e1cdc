from __future__ import annotations

import pytest

from server.services import fetch


@pytest.fixture()
def loopback_settings():
    return fetch.FetchSettings(max_bytes=1024 * 1024, allow_networks=fetch.parse_networks("127.0.0.1/32"),
                               total_timeout=10)
