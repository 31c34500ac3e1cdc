"""A small web site on 127.0.0.1 for the tests that fetch links: routes are set per
test, and every request it receives is counted (so a test can prove that nothing
was connected to)."""
from __future__ import annotations

import gzip
import threading
import time
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Route:
    status: int = 200
    body: bytes = b""
    headers: dict | None = None
    delay: float = 0.0  # before answering
    gzip: bool = False


class LocalSite:
    def __init__(self, host: str = "127.0.0.1", tls=None):
        self.routes: dict[str, Route] = {}
        self.requests: list[tuple[str, dict]] = []
        site = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802 (http.server's naming)
                site.requests.append((self.path, {k.lower(): v for k, v in self.headers.items()}))
                route = site.routes.get(self.path)
                if route is None:
                    route = Route(404, b"<html><body>nothing here</body></html>", {"Content-Type": "text/html"})
                if route.delay:
                    time.sleep(route.delay)
                body = gzip.compress(route.body) if route.gzip else route.body
                try:
                    self.send_response(route.status)
                    for key, value in (route.headers or {}).items():
                        self.send_header(key, value)
                    if route.gzip:
                        self.send_header("Content-Encoding", "gzip")
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):
                    pass

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer((host, 0), Handler)
        self.server.daemon_threads = True
        if tls is not None:  # an ssl.SSLContext for the server side
            self.server.socket = tls.wrap_socket(self.server.socket, server_side=True)
        self.port = self.server.server_address[1]
        self.base = f"{'https' if tls else 'http'}://{host}:{self.port}"
        self.thread = threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
        self.thread.start()

    def html(self, path: str, html: str | bytes, *, content_type: str = "text/html; charset=utf-8", **kw) -> str:
        body = html.encode("utf-8") if isinstance(html, str) else html
        self.routes[path] = Route(body=body, headers={"Content-Type": content_type}, **kw)
        return self.base + path

    def redirect(self, path: str, location: str, status: int = 302) -> str:
        self.routes[path] = Route(status=status, headers={"Location": location})
        return self.base + path

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()
