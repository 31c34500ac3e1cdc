"""Admitting requests into the app only once they have fully arrived.

gunicorn's threaded worker reads a request's headers and body in the thread that then
runs the app. With one thread per worker, a client that sends its headers one line a
second, or uploads slowly, holds that worker for as long as it likes. So the server
runs many connection threads (cheap: they wait on sockets) and this gate lets only a
few of them run the app at once: a request passes it after its body has been read
into a spool (memory while small, a temporary file beyond), so no slot ever waits on
a client. Saving a page is CPU-bound Python; more requests inside the app than slots
would only take turns holding the GIL.
"""
from __future__ import annotations

import tempfile
import threading
from contextlib import contextmanager

from werkzeug.wsgi import ClosingIterator

CHUNK = 64 * 1024
# A body is kept in memory up to this size, on disk past it.
SPOOL_IN_MEMORY = 1024 * 1024
# In the WSGI environ: a context manager under which a request waits outside the gate
# (on another site, say), giving its slot to a request that computes meanwhile.
OUTSIDE_GATE = "gloss.outside_gate"


class _ChainedInput:
    """What was spooled, then the rest of the client's body as it arrives."""

    def __init__(self, spooled, rest):
        self._spooled = spooled
        self._rest = rest

    def read(self, size: int = -1) -> bytes:
        data = self._spooled.read(size)
        if size is None or size < 0:
            return data + self._rest.read()
        if len(data) < size:
            data += self._rest.read(size - len(data))
        return data

    def readline(self, size: int = -1) -> bytes:
        line = self._spooled.readline(size)
        if line.endswith(b"\n") or (size is not None and 0 <= size <= len(line)):
            return line
        more = self._rest.readline(-1 if size is None or size < 0 else size - len(line))
        return line + more

    def __iter__(self):
        while line := self.readline():
            yield line

    def close(self) -> None:
        self._spooled.close()


class AdmissionGate:
    """WSGI middleware: at most `slots` requests run `app` at once, each one only after
    its body (up to `buffer_bytes`) has been read. A body longer than that (an import
    file) enters with what was read, the rest streaming from the client."""

    def __init__(self, app, slots: int, buffer_bytes: int):
        self.app = app
        self.slots = threading.BoundedSemaphore(slots)
        self.buffer_bytes = buffer_bytes

    def __call__(self, environ, start_response):
        spool = self._read_body(environ)
        environ[OUTSIDE_GATE] = self._outside
        with self.slots:
            # The answer is built here; a streamed download (an export) yields its
            # chunks as the client takes them, outside the gate, so a slow reader
            # holds no slot either.
            answer = self.app(environ, start_response)
        return ClosingIterator(answer, spool.close) if spool is not None else answer

    @contextmanager
    def _outside(self):
        self.slots.release()
        try:
            yield
        finally:
            self.slots.acquire()

    def _read_body(self, environ):
        if not _has_body(environ):
            return None
        source = environ["wsgi.input"]
        spool = tempfile.SpooledTemporaryFile(max_size=SPOOL_IN_MEMORY)  # noqa: SIM115 (handed on)
        size = 0
        complete = False
        while size <= self.buffer_bytes:
            chunk = source.read(min(CHUNK, self.buffer_bytes + 1 - size))
            if not chunk:
                complete = True
                break
            spool.write(chunk)
            size += len(chunk)
        spool.seek(0)
        environ["wsgi.input"] = spool if complete else _ChainedInput(spool, source)
        return spool


def _has_body(environ) -> bool:
    if environ.get("HTTP_TRANSFER_ENCODING", "").lower().strip():
        return True
    try:
        return int(environ.get("CONTENT_LENGTH") or 0) > 0
    except ValueError:
        return False
