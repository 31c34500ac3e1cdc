"""Slow and idle clients do not hold the server: `gloss serve` (one worker, its defaults)
answers other requests while some connections are still sending their headers or body."""
import json
import socket
import threading
import urllib.request

import pytest

from tests.conftest import LiveServer

# Generous: the point is that the request is answered while the slow clients are still
# sending, not how fast.
ANSWER_TIMEOUT_S = 20
ARTICLE = ("<html><body><article><h1>Slowly sent</h1>"
           + "<p>A sentence long enough to count as an article paragraph for the extractor. </p>" * 40
           + "</article></body></html>")


class Dribbler(threading.Thread):
    """A client that sends `pieces` one at a time, `pause` seconds apart, then reads the answer."""

    def __init__(self, port: int, pieces: list[bytes], pause: float):
        super().__init__(daemon=True)
        self.sock = socket.create_connection(("127.0.0.1", port), timeout=120)
        self.pieces = pieces
        self.pause = pause
        self.stop = threading.Event()
        self.sending = threading.Event()
        self.answer = b""

    def run(self):
        for piece in self.pieces:
            self.sock.sendall(piece)
            self.sending.set()
            if self.stop.wait(self.pause):
                break
        else:
            while chunk := self.sock.recv(65536):
                self.answer += chunk
                if b"\r\n\r\n" in self.answer:
                    break
        self.sock.close()

    @property
    def still_sending(self) -> bool:
        return self.is_alive() and not self.answer


def header_dribbler(port: int) -> Dribbler:
    lines = [b"GET /api/v1/server HTTP/1.1\r\n"] + [f"X-Slow-{i}: {i}\r\n".encode() for i in range(40)]
    return Dribbler(port, lines + [b"Connection: close\r\n\r\n"], pause=1.0)


def upload_dribbler(port: int, token: str) -> Dribbler:
    body = json.dumps({"url": "https://example.org/slow", "html": ARTICLE}).encode()
    head = (f"POST /api/v1/pages HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {token}\r\n"
            f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\nConnection: close\r\n\r\n").encode()
    pieces = [head] + [body[i:i + 100] for i in range(0, len(body), 100)]
    return Dribbler(port, pieces, pause=0.5)


@pytest.fixture()
def one_worker(tmp_path):
    server = LiveServer(tmp_path, workers=1)
    server.env["GLOSS_SERVE_JOB_WORKER"] = "0"
    server.start()
    yield server
    server.close()


def test_a_request_is_answered_while_slow_clients_are_still_sending(one_worker):
    token = one_worker.create_user("patient")
    slow = [header_dribbler(one_worker.port), header_dribbler(one_worker.port),
            upload_dribbler(one_worker.port, token)]
    for client in slow:
        client.start()
    try:
        for client in slow:
            assert client.sending.wait(10)
        request = urllib.request.Request(one_worker.base + "/api/v1/pages?limit=5",
                                         headers={"Authorization": f"Bearer {token}"})
        with urllib.request.urlopen(request, timeout=ANSWER_TIMEOUT_S) as answer:
            assert answer.status == 200
            assert json.loads(answer.read())["items"] == []
        # The slow clients had not finished: the answer did not wait for them.
        assert all(client.still_sending for client in slow)
    finally:
        for client in slow:
            client.stop.set()
        for client in slow:
            client.join(10)


def test_slow_clients_are_answered_when_they_finish(one_worker):
    token = one_worker.create_user("finisher")
    header = header_dribbler(one_worker.port)
    header.pieces = header.pieces[:3] + header.pieces[-1:]
    header.pause = 0.2
    upload = upload_dribbler(one_worker.port, token)
    upload.pause = 0.05
    for client in (header, upload):
        client.start()
    for client in (header, upload):
        client.join(60)
    assert header.answer.startswith(b"HTTP/1.1 200")
    assert upload.answer.startswith(b"HTTP/1.1 201"), upload.answer[:300]
