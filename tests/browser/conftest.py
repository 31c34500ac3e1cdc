"""Chromium for browser tests: a plain headless browser, and a persistent
context with the Gloss extension loaded unpacked.

Uses Debian's chromium (found on the PATH) through the Python playwright package (no
browser download). Where it is missing the tests skip and say so; with CI set
they fail instead, since CI installs it.
"""
from __future__ import annotations

import os
import shutil
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from collections.abc import Iterator

import pytest

ROOT = Path(__file__).resolve().parents[2]
EXTENSION_DIR = ROOT / "extension"
# Found on the PATH (as apt-get's chromium package puts it there); GLOSS_CHROMIUM overrides.
CHROMIUM = os.environ.get("GLOSS_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser") or ""

# Quiet, reproducible headless Chromium; Playwright already adds --no-sandbox.
CHROMIUM_ARGS = [
    "--disable-gpu",
    "--disable-sync",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
]


@pytest.fixture(scope="session")
def chromium_path() -> str:
    if not CHROMIUM or not Path(CHROMIUM).exists():
        reason = "browser tests need Chromium on the PATH or at $GLOSS_CHROMIUM (apt-get install chromium)"
        if os.environ.get("CI"):
            pytest.fail(f"{reason}; CI must provide it")
        pytest.skip(reason)
    return CHROMIUM


@pytest.fixture(scope="session")
def playwright(chromium_path: str) -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        yield p


@pytest.fixture(scope="session")
def chromium(playwright: Any, chromium_path: str) -> Iterator[Any]:
    """A headless Chromium without extensions, shared by the session."""
    browser = playwright.chromium.launch(executable_path=chromium_path, headless=True, args=CHROMIUM_ARGS)
    yield browser
    browser.close()


@pytest.fixture()
def page(chromium: Any) -> Iterator[Any]:
    """A fresh page in its own context of the shared plain Chromium."""
    context = chromium.new_context()
    yield context.new_page()
    context.close()


@dataclass
class ExtensionBrowser:
    """A Chromium profile with the extension loaded, and ways to drive it as a user would."""

    context: Any
    extension_id: str

    @property
    def service_worker(self) -> Any:
        # The browser may stop an idle worker and start a new one.
        workers = self.context.service_workers
        return workers[0] if workers else self.context.wait_for_event("serviceworker")

    def evaluate(self, script: str, arg: Any = None) -> Any:
        return self.service_worker.evaluate(script, arg)

    def configure(self, server_url: str, token: str) -> None:
        self.evaluate("s => chrome.storage.local.set(s)", {"serverUrl": server_url, "apiToken": token})

    def storage(self, key: str) -> Any:
        return self.evaluate("k => chrome.storage.local.get(k).then(s => s[k])", key)

    def tab_id(self, page: Any) -> int:
        tab_id = self.evaluate(
            "url => chrome.tabs.query({}).then(tabs => (tabs.find(t => t.url === url) || {}).id ?? null)",
            page.url,
        )
        assert tab_id is not None, f"no tab shows {page.url}"
        return tab_id

    def badge(self, page: Any) -> dict[str, str]:
        return self.evaluate(
            """async tabId => ({
                text: await chrome.action.getBadgeText({tabId}),
                title: await chrome.action.getTitle({tabId}),
            })""",
            self.tab_id(page),
        )

    def click_toolbar_button(self, page: Any) -> None:
        """Fires chrome.action.onClicked for the page's tab, like a click on the button."""
        cdp = self.context.browser.new_browser_cdp_session()
        targets = cdp.send("Target.getTargets", {"filter": [{"type": "tab"}]})["targetInfos"]
        target = next(t["targetId"] for t in targets if t["url"] == page.url)
        cdp.send("Extensions.triggerAction", {"id": self.extension_id, "targetId": target})
        cdp.detach()


@pytest.fixture()
def extension(playwright: Any, chromium_path: str, tmp_path: Path) -> Iterator[ExtensionBrowser]:
    context = playwright.chromium.launch_persistent_context(
        str(tmp_path / "profile"),
        executable_path=chromium_path,
        headless=True,
        ignore_default_args=["--disable-extensions"],
        args=[
            f"--disable-extensions-except={EXTENSION_DIR}",
            f"--load-extension={EXTENSION_DIR}",
            "--enable-unsafe-extension-debugging",  # for Extensions.triggerAction
            *CHROMIUM_ARGS,
        ],
    )
    try:
        worker = context.service_workers[0] if context.service_workers else context.wait_for_event("serviceworker")
        yield ExtensionBrowser(context=context, extension_id=worker.url.split("/")[2])
    finally:
        context.close()


@dataclass
class StaticSite:
    """Pages served over http from 127.0.0.1; what a path answers can change between requests."""

    base: str
    pages: dict[str, bytes] = field(default_factory=dict)

    def serve(self, path: str, html: str) -> str:
        self.pages[path] = html.encode("utf-8")
        return self.base + path


@pytest.fixture()
def site() -> Iterator[StaticSite]:
    pages: dict[str, bytes] = {}

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
            body = pages.get(self.path.split("?")[0])
            self.send_response(200 if body is not None else 404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            self.wfile.write(body if body is not None else b"<h1>Not found</h1>")

        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield StaticSite(base=f"http://127.0.0.1:{server.server_address[1]}", pages=pages)
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
