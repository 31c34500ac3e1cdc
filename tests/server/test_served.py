"""The app as `gloss serve` runs it (gunicorn, a real socket)."""
import json
import urllib.error
import urllib.request


def call(base, path, token, data=None, headers=None):
    req = urllib.request.Request(base + path, data=data, method="POST" if data is not None else "GET",
                                 headers={"Authorization": f"Bearer {token}", **(headers or {})})
    try:
        with urllib.request.urlopen(req, timeout=60) as r:
            return r.status, r.read()
    except urllib.error.HTTPError as e:
        return e.code, e.read()


def test_access_log_has_no_query_strings_and_oversize_gets_413(live_server):
    token = live_server.create_user("served")
    status, _ = call(live_server.base, "/api/v1/pages/lookup?url=https://private.example/secret-diary", token)
    assert status == 404
    big = json.dumps({"url": "https://example.org/big", "html": "<p>" + "a" * (16 * 1024 * 1024) + "</p>"})
    status, body = call(live_server.base, "/api/v1/pages", token, data=big.encode(),
                        headers={"Content-Type": "application/json"})
    assert status == 413 and json.loads(body)["error"]["code"] == "too_large"
    live_server.stop()
    log = live_server.log_path.read_text()
    assert "/api/v1/pages/lookup" in log
    assert "secret-diary" not in log and "private.example" not in log
