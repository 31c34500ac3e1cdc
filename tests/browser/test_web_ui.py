"""The web UI in a real Chromium against a real server: sign in, read, highlight,
annotate, search, rename a tag, export; and script injection that must not run.

Screenshots of the main views (light and dark, desktop and phone) go to the
directory named by GLOSS_SCREENSHOTS when it is set.
"""
from __future__ import annotations

import io
import json
import os
import urllib.parse
import urllib.request
import zipfile
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import FIXTURES, PASSWORD, SEED_URL

SELECT_IN_ARTICLE = """([text]) => {
  const root = document.getElementById("article");
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const at = node.data.indexOf(text);
    if (at < 0) continue;
    const range = document.createRange();
    range.setStart(node, at);
    range.setEnd(node, at + text.length);
    getSelection().removeAllRanges();
    getSelection().addRange(range);
    document.dispatchEvent(new MouseEvent("mouseup", {bubbles: true}));
    return true;
  }
  throw new Error(`"${text}" is not in the article`);
}"""

FIRST_QUOTE = "Chatbot Arena leaderboard"
SECOND_QUOTE = "China may not be striving to secure first place outright"


class Api:
    def __init__(self, base: str, token: str):
        self.base, self.token = base, token

    def call(self, method: str, path: str, body: Any = None) -> Any:
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(self.base + path, data=data, method=method, headers={
            "Authorization": f"Bearer {self.token}", "Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=30) as response:
            raw = response.read()
            return json.loads(raw) if raw else None


class Watch:
    """Dialogs (an injected alert would open one), page errors and CSP reports of a page."""

    def __init__(self, page: Any):
        self.dialogs: list[str] = []
        self.errors: list[str] = []
        self.csp: list[str] = []
        page.on("dialog", self._dialog)
        page.on("pageerror", lambda exc: self.errors.append(str(exc)))
        page.on("console", self._console)

    def _dialog(self, dialog: Any) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def _console(self, message: Any) -> None:
        if "Content Security Policy" in message.text:
            self.csp.append(message.text)


def screenshot(page: Any, name: str, **kw) -> None:
    folder = os.environ.get("GLOSS_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(folder) / f"{name}.png"), **kw)


def sign_in(page: Any, base: str, username: str) -> None:
    page.goto(base + "/")
    assert page.url.startswith(base + "/login")
    page.fill('input[name="username"]', username)
    page.fill('input[name="password"]', PASSWORD)
    page.click('button[type="submit"]')
    page.wait_for_url(base + "/")


def select_and_highlight(page: Any, text: str) -> str:
    page.evaluate(SELECT_IN_ARTICLE, [text])
    page.click('[data-gloss-action="highlight"]')
    mark = page.wait_for_selector(f'mark[data-gloss-highlight]:text-is("{text}")')
    return mark.get_attribute("data-gloss-highlight")


@pytest.fixture()
def reader_setup(live_server):
    api = Api(live_server.base, live_server.create_user("reader"))
    seed = (FIXTURES / "seed-article.html").read_text()
    page = api.call("POST", "/api/v1/pages", {"url": SEED_URL, "html": seed})
    return live_server.base, api, page


def test_read_highlight_annotate_find_rename_and_export(chromium, reader_setup, tmp_path):
    base, api, saved = reader_setup
    context = chromium.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    page = context.new_page()
    watch = Watch(page)

    sign_in(page, base, "reader")
    page.wait_for_selector(".page-card")
    screenshot(page, "library-light")

    # The reader view, from the library.
    page.click(f'a[href="/pages/{saved["id"]}"]')
    page.wait_for_url(f"{base}/pages/{saved['id']}")
    assert page.inner_text("h1") == saved["title"]
    assert page.locator("#page-highlights-empty").is_visible()

    # Select a passage, press the floating button: it is stored and drawn.
    first_id = select_and_highlight(page, FIRST_QUOTE)
    popover = page.locator("[data-gloss-popover]")  # the extension's own popover (GlossUI)
    popover.wait_for(state="visible")
    page.fill('[data-gloss-field="note"]', "The benchmark everybody watches")
    page.fill('[data-gloss-field="tags"]', ", ".join(f"t{n}" for n in range(101)))
    page.click('[data-gloss-popover] [data-gloss-action="save"]')
    page.wait_for_selector('[data-gloss-popover] .status:has-text("At most 100 tags")')
    page.fill('[data-gloss-field="tags"]', "benchmarks, Benchmarks")
    page.click('[data-gloss-color="green"]')
    page.wait_for_selector(f'mark[data-gloss-highlight="{first_id}"][data-gloss-color="green"]')
    page.click('[data-gloss-popover] [data-gloss-action="save"]')
    popover.wait_for(state="hidden")
    stored = api.call("GET", f"/api/v1/highlights/{first_id}")
    assert (stored["quote"], stored["note"], stored["tags"], stored["color"]) == (
        FIRST_QUOTE, "The benchmark everybody watches", ["benchmarks"], "green")
    second_id = select_and_highlight(page, SECOND_QUOTE)
    page.keyboard.press("Escape")
    assert page.locator("#page-highlight-list > li").count() == 2

    # Tag the page and mark it read, through the reader's script.
    page.fill("#page-tags-input", "ai, " + "x" * 101)
    page.click("#page-tags button[type=submit]")
    page.wait_for_selector('[data-gloss-message="error"]:has-text("at most 100 characters")')
    page.fill("#page-tags-input", "ai, policy")
    page.click("#page-tags button[type=submit]")
    page.wait_for_selector('#page-tag-list a.tag:text-is("policy")')
    page.click("#read-form button")
    page.wait_for_selector('#read-form button:text-is("Mark unread")')
    after = api.call("GET", f"/api/v1/pages/{saved['id']}")
    assert after["tags"] == ["ai", "policy"] and after["read"] is True

    # Drawn again from the server after a reload, in their colors.
    page.reload()
    page.wait_for_selector(f'mark[data-gloss-highlight="{first_id}"][data-gloss-color="green"]')
    assert page.locator(f'mark[data-gloss-highlight="{second_id}"]').inner_text() == SECOND_QUOTE
    page.evaluate("scrollTo(0, 0)")
    screenshot(page, "reader-light")

    # Keyboard: focus the highlight, Enter opens the popover.
    page.focus(f"#h-{first_id}")
    page.keyboard.press("Enter")
    popover.wait_for(state="visible")
    assert page.input_value('[data-gloss-field="note"]') == "The benchmark everybody watches"
    page.keyboard.press("Escape")
    popover.wait_for(state="hidden")
    assert page.evaluate("document.activeElement.id") == f"h-{first_id}"

    # Found by search (its note) and in the highlights view, which jumps back to it.
    page.goto(base + "/?q=" + urllib.parse.quote("benchmark"))
    page.wait_for_selector(f'.page-card a[href="/pages/{saved["id"]}"]')
    page.goto(base + "/?q=leaderboard")
    assert "leaderboard" in page.inner_text(".snippet mark").lower()
    page.goto(base + "/highlights")
    assert page.locator(".highlight-item").count() == 2
    assert "The benchmark everybody watches" in page.inner_text(".highlight-list")
    screenshot(page, "highlights-light")
    page.click(f'a[href="/pages/{saved["id"]}#h-{first_id}"]')
    page.wait_for_selector(f"#h-{first_id}.is-flashing")

    # Rename the tag on the tags page: the highlight follows.
    page.goto(base + "/tags")
    row = page.locator(".tag-row", has=page.locator('.tag:text-is("benchmarks")'))
    row.locator('input[name="new_name"]').fill("leaderboards")
    row.locator('button:text-is("Rename")').click()
    page.wait_for_selector("text=“benchmarks” is now “leaderboards” everywhere.")
    assert api.call("GET", f"/api/v1/highlights/{first_id}")["tags"] == ["leaderboards"]

    # Export Markdown from the page's button.
    page.goto(base + "/tokens")
    with page.expect_download() as download:
        page.click('a[href="/api/v1/export?format=markdown"]')
    archive = zipfile.ZipFile(io.BytesIO(Path(download.value.path()).read_bytes()))
    markdown = "\n".join(archive.read(name).decode() for name in archive.namelist() if name.endswith(".md"))
    assert FIRST_QUOTE in markdown and "The benchmark everybody watches" in markdown
    assert "leaderboards" in markdown

    assert watch.dialogs == [] and watch.errors == [] and watch.csp == []

    # The same views in dark mode, and the reader on a phone.
    state = context.storage_state()
    context.close()
    for scheme, viewport, suffix in (("dark", {"width": 1280, "height": 900}, "dark"),
                                     ("light", {"width": 390, "height": 844}, "phone")):
        other = chromium.new_context(storage_state=state, color_scheme=scheme, viewport=viewport)
        view = other.new_page()
        view.goto(base + "/")
        screenshot(view, f"library-{suffix}")
        view.goto(f"{base}/pages/{saved['id']}")
        view.wait_for_selector(f'mark[data-gloss-highlight="{first_id}"]')
        view.evaluate("scrollTo(0, 0)")
        screenshot(view, f"reader-{suffix}")
        view.goto(base + "/highlights")
        screenshot(view, f"highlights-{suffix}")
        other.close()


XSS_FLAG = "window.__glossInjected = true"
XSS_ARTICLE = f"""<html><head><title>&lt;img src=x onerror="{XSS_FLAG};alert(1)"&gt;</title></head>
<body><article><h1>Injected &lt;script&gt;alert(2)&lt;/script&gt;</h1>
<p>A paragraph with an <img src="x" onerror="{XSS_FLAG};alert(3)"> image, a
<a href="javascript:{XSS_FLAG};alert(4)">javascript link</a> and <b onmouseover="{XSS_FLAG}">bold</b> text
that goes on long enough to be an article paragraph, about gardens and the evening light.</p>
<script>{XSS_FLAG};alert(5)</script>
<p>A second paragraph <svg onload="{XSS_FLAG};alert(6)"></svg> with an <iframe src="javascript:alert(7)"></iframe>
frame, and more words about tomatoes, watering cans and the quiet pleasure of a garden.</p>
<p>A third paragraph <style>body {{ display: none }}</style> so that the extractor keeps the article, with
sentences about paths, benches, hedges, roses and the long shadows of a summer evening.</p>
</article></body></html>"""


def test_injected_scripts_never_run(chromium, live_server):
    api = Api(live_server.base, live_server.create_user("target"))
    saved = api.call("POST", "/api/v1/pages", {
        "url": 'https://example.org/"><img/src=x/onerror="window.__glossInjected=true">', "html": XSS_ARTICLE})
    payload = f'<img src=x onerror="{XSS_FLAG};alert(8)"><script>{XSS_FLAG};alert(9)</script>'
    api.call("PUT", f"/api/v1/pages/{saved['id']}/tags", {"tags": [payload[:90]]})
    api.call("POST", f"/api/v1/pages/{saved['id']}/highlights",
             {"quote": "bold", "note": payload, "tags": ['"><svg onload=alert(10)>']})

    context = chromium.new_context()
    page = context.new_page()
    watch = Watch(page)
    sign_in(page, live_server.base, "target")
    for path in ("/", f"/pages/{saved['id']}", "/highlights", "/tags", "/?q=gardens"):
        page.goto(live_server.base + path)
        page.wait_for_load_state("load")
        if path.startswith("/pages/"):
            page.wait_for_selector("mark[data-gloss-highlight]")
            page.hover("mark[data-gloss-highlight]")
            page.click("mark[data-gloss-highlight]")
            page.wait_for_selector("[data-gloss-popover]", state="visible")
            assert page.input_value('[data-gloss-field="note"]') == payload
        injected = page.evaluate("""() => ({
            flag: window.__glossInjected === true,
            handlers: document.querySelectorAll('[onerror], [onload], [onmouseover]').length,
            scripts: [...document.scripts].filter(s => !s.src && s.type !== 'application/json').length,
            frames: document.querySelectorAll('iframe, object, embed').length,
            jsLinks: [...document.links].filter(a => a.href.startsWith('javascript:')).length,
        })""")
        assert injected == {"flag": False, "handlers": 0, "scripts": 0, "frames": 0, "jsLinks": 0}, path
    assert watch.dialogs == [] and watch.errors == []
    context.close()
