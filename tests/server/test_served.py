"""The app as `gloss serve` runs it (gunicorn, a real socket)."""
import json
import socket
import urllib.error
import urllib.request

ARTICLE = ("<html><body><article><h1>Served</h1>"
           + "<p>A sentence long enough to count as an article paragraph for the extractor. </p>" * 12
           + "</article></body></html>")


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

    # A login link's path is its secret: opened, it leaves no trace of it in the log.
    status, body = call(live_server.base, "/api/v1/pages", token, headers={"Content-Type": "application/json"},
                        data=json.dumps({"url": "https://example.org/served", "html": ARTICLE}).encode())
    assert status == 201
    status, body = call(live_server.base, "/api/v1/login-links", token, headers={"Content-Type": "application/json"},
                        data=json.dumps({"page_id": json.loads(body)["id"]}).encode())
    link = json.loads(body)["url"]
    secret = link.rsplit("/", 1)[1]
    status, answer = raw(live_server.port, f"GET /login-links/{secret} HTTP/1.1\r\nHost: x\r\n"
                                           "Sec-Fetch-Site: none\r\nConnection: close\r\n\r\n")
    assert status == 302

    live_server.stop()
    log = live_server.log_path.read_text()
    assert "/api/v1/pages/lookup" in log and "/login-links/[secret]" in log
    assert "secret-diary" not in log and "private.example" not in log
    assert secret not in log


def raw(port: int, request: str) -> tuple[int, bytes]:
    with socket.create_connection(("127.0.0.1", port), timeout=30) as sock:
        sock.sendall(request.encode("latin-1"))
        chunks = []
        while chunk := sock.recv(65536):
            chunks.append(chunk)
    answer = b"".join(chunks)
    return int(answer.split(b" ", 2)[1]), answer


def test_the_servers_own_errors_carry_the_error_shape_and_security_headers(live_server):
    for request, status in (
        (f"GET /{'a' * 9000} HTTP/1.1\r\nHost: x\r\n\r\n", 414),
        (f"GET / HTTP/1.1\r\nHost: x\r\nX-Big: {'b' * 9000}\r\n\r\n", 431),
        ("NOT A REQUEST\r\n\r\n", 400),
    ):
        code, answer = raw(live_server.port, request)
        head, _, body = answer.partition(b"\r\n\r\n")
        assert code == status, answer[:300]
        headers = {line.split(b":", 1)[0].strip().lower(): line.split(b":", 1)[1].strip()
                   for line in head.split(b"\r\n")[1:]}
        assert headers[b"content-type"] == b"application/json"
        assert b"script-src 'self'" in headers[b"content-security-policy"]
        assert headers[b"x-content-type-options"] == b"nosniff"
        error = json.loads(body)["error"]
        assert error["code"] == ("too_large" if status != 400 else "bad_request") and error["message"]
