"""Serving with gunicorn (production WSGI) from the `gloss serve` command."""
from __future__ import annotations

import json

from gunicorn import util
from gunicorn.app.base import BaseApplication
from gunicorn.glogging import Logger

from . import SECURITY_HEADERS
from .errors import HTTP_CODES
from .redact import redacted_path

# Path only (%(U)s): query strings carry the URLs a user looks up, i.e. their browsing history.
ACCESS_LOG_FORMAT = '%(h)s "%(m)s %(U)s %(H)s" %(s)s %(B)s %(M)sms'


class GlossLogger(Logger):
    """gunicorn's logger, with login-link secrets kept out of the access log."""

    def atoms(self, resp, req, environ, request_time):
        atoms = super().atoms(resp, req, environ, request_time)
        for key in ("U", "r"):  # the path, and the request line that holds it
            if isinstance(atoms.get(key), str):
                atoms[key] = redacted_path(atoms[key])
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


class GlossServer(BaseApplication):
    def __init__(self, options: dict):
        self.options = options
        super().__init__()

    def load_config(self):
        for key, value in self.options.items():
            self.cfg.set(key, value)
        util.write_error = write_error  # before the workers fork: each one answers this way

    def load(self):
        from . import create_app

        return create_app()


def run(host: str, port: int, workers: int, threads: int = 1, control_socket: str | None = None) -> None:
    """Serves until stopped. gunicorn's control socket is off unless a path is given: its
    default is one path per user account, which a second server on the machine would take
    over (and stopping either would remove it for both)."""
    # Saving a page is CPU-bound Python (extraction): threads of one process would only
    # take turns holding the GIL, and handing it over costs more than they gain. One
    # request thread per worker; keep-alive connections still wait in the worker's poller.
    control = {"control_socket": control_socket} if control_socket else {"control_socket_disable": True}
    GlossServer({
        **control,
        "bind": f"{host}:{port}",
        "workers": workers,
        "worker_class": "gthread",
        "threads": threads,
        "timeout": 120,
        "graceful_timeout": 10,
        "accesslog": "-",
        "access_log_format": ACCESS_LOG_FORMAT,
        "logger_class": GlossLogger,
        "errorlog": "-",
        "limit_request_line": 8190,
    }).run()
