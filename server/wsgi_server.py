"""Serving with gunicorn (production WSGI) from the `gloss serve` command."""
from __future__ import annotations

import ctypes
import ctypes.util
import json
from collections.abc import Callable
from typing import TYPE_CHECKING

from gunicorn import util
from gunicorn.app.base import BaseApplication
from gunicorn.glogging import Logger

from .admission import AdmissionGate
from .config import malloc_arena_max, malloc_mmap_threshold, serve_settings
from .headers import SECURITY_HEADERS
from .http_errors import HTTP_CODES
from .redact import redacted_path

if TYPE_CHECKING:
    from flask import Flask

# Path only (%(U)s): query strings carry the URLs a user looks up, i.e. their browsing history.
ACCESS_LOG_FORMAT = '%(h)s "%(m)s %(U)s %(H)s" %(s)s %(B)s %(M)sms'


class GlossLogger(Logger):
    """gunicorn's logger, with login-link secrets kept out of the access log."""

    def atoms(self, resp, req, environ, request_time):
        atoms = super().atoms(resp, req, environ, request_time)
        for key in ("U", "r"):  # the path, and the request line that holds it
            if isinstance(value := atoms.get(key), str):
                atoms[key] = redacted_path(value)
        return atoms


def write_error(sock, status_int: int, reason: str, mesg: str) -> None:
    """gunicorn's own answers (a request line or headers too large, a malformed request)
    in Gloss's error shape, with its security headers; gunicorn has no setting for them,
    so this replaces its `util.write_error` in the processes it serves from."""
    code = HTTP_CODES.get(status_int, "too_large" if status_int in (414, 431) else
                           "bad_request" if status_int < 500 else "server_error")
    body = json.dumps({"error": {"code": code, "message": f"{reason}: {mesg}"}}).encode()
    head = [f"HTTP/1.1 {status_int} {reason}", "Connection: close", "Content-Type: application/json",
            f"Content-Length: {len(body)}", *(f"{name}: {value}" for name, value in SECURITY_HEADERS.items())]
    util.write_nonblock(sock, ("\r\n".join(head) + "\r\n\r\n").encode("latin-1") + body)


M_ARENA_MAX = -8  # mallopt's parameter numbers (malloc.h)
M_MMAP_THRESHOLD = -3


def tune_malloc() -> None:
    """Caps this process's arenas and fixes its mmap threshold now, and (through the
    environment) those of the processes it starts, such as the job worker."""
    arenas, threshold = malloc_arena_max(), malloc_mmap_threshold()
    name = ctypes.util.find_library("c")
    if not name:
        return
    try:
        libc = ctypes.CDLL(name)
        libc.mallopt(M_ARENA_MAX, arenas)
        libc.mallopt(M_MMAP_THRESHOLD, threshold)
    except (OSError, AttributeError):  # not glibc: its allocator has neither setting
        pass


def request_buffer_bytes(config) -> int:
    """How much of a body is read before the app sees it: the largest JSON save the API takes
    (a page, JSON-escaped); only import files are longer, and they stream past it."""
    from .api.body import JSON_OVERHEAD

    configured = serve_settings().request_buffer_bytes
    if configured:
        return configured
    return config["MAX_PAGE_BYTES"] * JSON_OVERHEAD + 1024 * 1024


class GlossServer(BaseApplication):
    def __init__(self, options: dict, app_factory: Callable[[], Flask], app_slots: int):
        self.options = options
        self.app_factory = app_factory
        self.app_slots = app_slots
        super().__init__()

    def load_config(self):
        for key, value in self.options.items():
            self.cfg.set(key, value)
        util.write_error = write_error  # before the workers fork: each one answers this way

    def load(self):
        app = self.app_factory()
        return AdmissionGate(app, slots=self.app_slots, buffer_bytes=request_buffer_bytes(app.config))


def run(app_factory: Callable[[], Flask], host: str, port: int, workers: int, threads: int = 1,
        client_threads: int = 32, control_socket: str | None = None) -> None:
    """`threads` requests per worker run the app at once (saving is CPU-bound Python: more
    would only take turns holding the GIL); `client_threads` connections per worker are
    read at once, so slow or idle clients wait in threads of their own (see admission.py).
    gunicorn's control socket is off unless a path is given: its default is one path per
    user account, which a second server on the machine would take over (and stopping
    either would remove it for both)."""
    max_requests = serve_settings().max_requests
    control = {"control_socket": control_socket} if control_socket else {"control_socket_disable": True}
    GlossServer({
        **control,
        "bind": f"{host}:{port}",
        "workers": workers,
        "worker_class": "gthread",
        "threads": max(client_threads, threads),
        "timeout": 120,
        "max_requests": max_requests,
        "max_requests_jitter": max_requests // 10,
        "graceful_timeout": 10,
        "accesslog": "-",
        "access_log_format": ACCESS_LOG_FORMAT,
        "logger_class": GlossLogger,
        "errorlog": "-",
        "limit_request_line": 8190,
    }, app_factory=app_factory, app_slots=threads).run()
