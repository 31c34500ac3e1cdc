"""The admission gate: a request enters the app only with its body read, a few at a time."""
import io
import threading

from server.admission import AdmissionGate


class TrickleInput:
    """A client body arriving in small pieces; counts what has been read of it."""

    def __init__(self, data: bytes, piece: int = 7):
        self.data = data
        self.piece = piece
        self.pos = 0

    def read(self, size=-1):
        size = len(self.data) if size is None or size < 0 else min(size, self.piece)
        chunk = self.data[self.pos:self.pos + size]
        self.pos += len(chunk)
        return chunk


def call(gate, body: bytes, source=None):
    environ = {"REQUEST_METHOD": "POST", "CONTENT_LENGTH": str(len(body)),
               "wsgi.input": source or TrickleInput(body)}
    answer = gate(environ, lambda status, headers: None)
    out = b"".join(answer)
    answer.close()
    return out


def test_the_app_sees_the_whole_body_already_read():
    source = TrickleInput(b"a" * 1000)
    seen = {}

    def app(environ, start_response):
        seen["read_before"] = source.pos
        start_response("200 OK", [])
        return [environ["wsgi.input"].read()]

    assert call(AdmissionGate(app, slots=1, buffer_bytes=4096), b"a" * 1000, source) == b"a" * 1000
    assert seen["read_before"] == 1000


def test_a_body_past_the_buffer_streams_on_from_the_client():
    body = bytes(range(256)) * 40
    source = TrickleInput(body)

    def app(environ, start_response):
        start_response("200 OK", [])
        assert source.pos == 101  # the buffer and one byte more, to know there is more
        return [environ["wsgi.input"].read(50), environ["wsgi.input"].read()]

    assert call(AdmissionGate(app, slots=1, buffer_bytes=100), body, source) == body


def test_at_most_slots_requests_run_the_app_at_once():
    running = []
    peak = []
    release = threading.Event()
    lock = threading.Lock()

    def app(environ, start_response):
        with lock:
            running.append(1)
            peak.append(len(running))
        release.wait(0.2)
        with lock:
            running.pop()
        start_response("204 No Content", [])
        return []

    gate = AdmissionGate(app, slots=2, buffer_bytes=10)
    threads = [threading.Thread(target=call, args=(gate, b"x" * 5)) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(10)
    assert max(peak) == 2 and len(peak) == 6


def test_requests_without_a_body_pass_untouched():
    def app(environ, start_response):
        start_response("200 OK", [])
        return [environ["wsgi.input"].read()]

    environ = {"REQUEST_METHOD": "GET", "wsgi.input": io.BytesIO(b"")}
    assert b"".join(AdmissionGate(app, slots=1, buffer_bytes=10)(environ, lambda *a: None)) == b""


def test_a_request_waiting_outside_the_gate_lets_another_in():
    from server.admission import OUTSIDE_GATE

    waiting = threading.Event()
    done_meanwhile = threading.Event()

    def app(environ, start_response):
        if environ["PATH_INFO"] == "/slow":
            with environ[OUTSIDE_GATE]():  # waiting on another site, say
                waiting.set()
                assert done_meanwhile.wait(5)
        start_response("200 OK", [])
        return [environ["PATH_INFO"].encode()]

    gate = AdmissionGate(app, slots=1, buffer_bytes=10)

    def get(path):
        return b"".join(gate({"REQUEST_METHOD": "GET", "PATH_INFO": path, "wsgi.input": io.BytesIO()},
                             lambda *a: None))

    slow = threading.Thread(target=get, args=("/slow",))
    slow.start()
    assert waiting.wait(5)
    assert get("/quick") == b"/quick"  # the one slot was free while /slow waited
    done_meanwhile.set()
    slow.join(5)
    assert not slow.is_alive()
