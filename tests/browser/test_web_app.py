"""The web UI as an installable app, in a real Chromium against `gloss serve`: the
manifest is valid and installable, the service worker registers and controls the
pages, keeps only the app shell, and shows the offline page without a network."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any
from collections.abc import Iterator

import pytest

from tests.browser.conftest import CHROMIUM_ARGS
from tests.browser.test_web_ui import Watch, sign_in


PHONE = {"width": 390, "height": 844}


@pytest.fixture()
def installable(playwright: Any, chromium_path: str, tmp_path: Path) -> Iterator[Any]:
    """A Chromium profile that is not incognito: only such a browser may install apps."""
    context = playwright.chromium.launch_persistent_context(
        str(tmp_path / "profile"), executable_path=chromium_path, headless=True, args=CHROMIUM_ARGS,
        viewport=PHONE)
    yield context
    context.close()


def app_manifest(context: Any, page: Any) -> dict:
    """The manifest as Chromium read it, after checking that it found nothing wrong."""
    cdp = context.new_cdp_session(page)
    assert cdp.send("Page.getInstallabilityErrors")["installabilityErrors"] == []
    found = cdp.send("Page.getAppManifest")
    assert found["errors"] == [], found["errors"]
    cdp.detach()
    return {"url": found["url"], **json.loads(found["data"])}


def test_the_web_app_is_installable_and_its_service_worker_keeps_only_the_shell(installable, live_server):
    live_server.create_user("phone")
    page = installable.pages[0] if installable.pages else installable.new_page()
    watch = Watch(page)
    sign_in(page, live_server.base, "phone")

    page.evaluate("navigator.serviceWorker.ready")
    page.reload()
    assert page.evaluate("navigator.serviceWorker.controller && navigator.serviceWorker.controller.scriptURL") \
        == live_server.base + "/sw.js"
    manifest = app_manifest(installable, page)
    assert manifest["url"] == live_server.base + "/manifest.webmanifest"
    assert (manifest["display"], manifest["start_url"], manifest["scope"]) == ("standalone", "/", "/")
    assert {"192x192", "512x512"} <= {icon["sizes"] for icon in manifest["icons"]}
    assert any(icon["purpose"] == "maskable" for icon in manifest["icons"])

    page.goto(live_server.base + "/highlights")
    page.goto(live_server.base + "/tokens")
    cached = page.evaluate("""async () => {
        const urls = [];
        for (const key of await caches.keys()) {
            for (const request of await (await caches.open(key)).keys()) urls.push(new URL(request.url).pathname);
        }
        return urls;
    }""")
    assert "/offline" in cached and "/assets/gloss.css" in cached and "/palette.css" in cached
    assert all(path.startswith("/assets/") or path in ("/offline", "/palette.css") for path in cached), cached

    # Without a network the installed app opens on its offline page, not on a stale copy.
    installable.set_offline(True)
    page.goto(live_server.base + "/highlights")
    assert page.is_visible("text=You are offline.")
    assert page.locator(".site-user").count() == 0
    installable.set_offline(False)
    page.goto(live_server.base + "/highlights")
    assert page.text_content(".site-user") == "phone"
    assert watch.dialogs == [] and watch.errors == [] and watch.csp == []
