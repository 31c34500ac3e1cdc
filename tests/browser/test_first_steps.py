"""The README's first steps, word for word, in Chromium with the extension: a user made
on the command line, the options page that opens by itself when the extension is
installed, the button the README says to press, then the toolbar button saves the page.
"""
from __future__ import annotations

import json
import re
import urllib.parse
import urllib.request
from pathlib import Path
from typing import Any

from tests.conftest import PASSWORD

ROOT = Path(__file__).resolve().parents[2]

ARTICLE = """<!DOCTYPE html><html lang="en"><head><title>Walking the old canal path</title></head>
<body><article><h1>Walking the old canal path</h1>
<p>The towpath runs for eleven miles between the two locks, and on a clear morning the water
holds the whole sky. Herons stand in the shallows and do not move when walkers pass.</p>
<p>Halfway along, a lock keeper's cottage sells tea from its window. The benches outside face
west, and in the evening the light comes low across the fields and the moored boats.</p>
<p>The path is flat, so it suits a long walk with children, though the last mile is muddy after
rain and the stiles there are steep. Bring boots in winter.</p></article></body></html>"""


def first_steps() -> list[str]:
    """The numbered items of the README's 'First steps'."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## First steps", 1)[1].split("\n## ", 1)[0].split("\n### ", 1)[0]
    return [item.strip() for item in re.split(r"\n(?=\d+\. )", section) if re.match(r"\d+\. ", item.strip())]


def wait_for_page(context: Any, url: str, seconds: float = 15) -> Any:
    for _ in range(int(seconds * 4)):
        for page in context.pages:
            if page.url == url:
                return page
        context.pages[0].wait_for_timeout(250)
    raise AssertionError(f"no tab opened {url}; open tabs: {[p.url for p in context.pages]}")


def lookup(base: str, token: str, url: str) -> Any:
    request = urllib.request.Request(base + "/api/v1/pages/lookup?" + urllib.parse.urlencode({"url": url}),
                                     headers={"Authorization": f"Bearer {token}"})
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.load(response)


def test_the_readme_first_steps_leave_the_extension_saving_pages(live_server, extension, site):
    steps = first_steps()
    assert "gloss user create" in steps[0]
    token = live_server.create_user("alice")  # step 1, on the command line; its password is PASSWORD

    # Step 2: the options page has opened by itself; fill it and press what the README names.
    assert "opens by itself" in steps[1]
    buttons = re.findall(r"press \*([^*]+)\*", steps[1])
    assert buttons, "the README's step 2 names no button to press"
    options = wait_for_page(extension.context, f"chrome-extension://{extension.extension_id}/options/options.html")
    options.fill('input[name="serverUrl"]', live_server.base)
    options.fill('input[name="username"]', "alice")
    options.fill('input[name="password"]', PASSWORD)
    for name in buttons:
        options.click(f'button:text-is("{name}")')
    options.wait_for_selector("#status.ok", timeout=15000)
    stored = extension.evaluate("() => chrome.storage.local.get(['serverUrl', 'apiToken'])")
    assert stored["serverUrl"] == live_server.base and stored["apiToken"]

    # Step 3: on an article, the toolbar button saves it and opens the reader view.
    assert "click the Gloss toolbar button" in steps[2]
    url = site.serve("/canal.html", ARTICLE)
    article = extension.context.new_page()
    article.goto(url)
    with extension.context.expect_page(timeout=30000) as opened:
        extension.click_toolbar_button(article)
    reader = opened.value
    reader.wait_for_url("**/pages/*", timeout=30000)
    saved = lookup(live_server.base, token, url)
    assert reader.url == f"{live_server.base}/pages/{saved['id']}"
    assert "lock keeper's cottage" in saved["text"]
    assert reader.inner_text("h1") == "Walking the old canal path"
