"""Serving with gunicorn (production WSGI) from the `gloss serve` command."""
from __future__ import annotations

from gunicorn.app.base import BaseApplication

# Path only (%(U)s): query strings carry the URLs a user looks up, i.e. their browsing history.
ACCESS_LOG_FORMAT = '%(h)s "%(m)s %(U)s %(H)s" %(s)s %(B)s %(M)sms'


class GlossServer(BaseApplication):
    def __init__(self, options: dict):
        self.options = options
        super().__init__()

    def load_config(self):
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self):
        from . import create_app

        return create_app()


def run(host: str, port: int, workers: int, threads: int = 1) -> None:
    # Saving a page is CPU-bound Python (extraction): threads of one process would only
    # take turns holding the GIL, and handing it over costs more than they gain. One
    # request thread per worker; keep-alive connections still wait in the worker's poller.
    GlossServer({
        "bind": f"{host}:{port}",
        "workers": workers,
        "worker_class": "gthread",
        "threads": threads,
        "timeout": 120,
        "graceful_timeout": 10,
        "accesslog": "-",
        "access_log_format": ACCESS_LOG_FORMAT,
        "errorlog": "-",
        "limit_request_line": 8190,
    }).run()
