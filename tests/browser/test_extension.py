"""The extension in Chromium.

First the DOM side of content/highlighter.js and content/ui.js on an ordinary
page (they are shared with the web UI's reader view), then the whole
extension against a real Gloss server: save from the toolbar, highlight a
selection, draw highlights again on revisit and on an edited page, and queue
a save while the server is down.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import urllib.parse
import urllib.request
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
EXTENSION_DIR = ROOT / "extension"
FIXTURES = ROOT / "tests" / "fixtures"

SAMPLE = """<!DOCTYPE html><html><head><style>
  /* A page that styles <mark> badly: Gloss's marks must not move any text. */
  mark { padding: 10px; margin: 5px; border: 3px solid red; display: block; color: red; }
</style></head><body>
<article id="article">
  <p id="p1">The quick brown fox jumps over the lazy dog. A <a id="link" href="#x">linked phrase</a> sits here.</p>
  <p id="p2">Second paragraph with \u201ccurly quotes\u201d and a long\u2014dash\u00a0here.</p>
  <p id="p3">Repeat: the fox. Later again: the fox.</p>
  <ul><li>One item</li><li>Two item</li></ul>
</article>
<script>
  window.clicks = 0;
  document.getElementById("link").addEventListener("click", (e) => { e.preventDefault(); window.clicks++; });
  window.firstText = document.getElementById("p1").firstChild;
</script>
</body></html>"""

SELECT = """([startId, startChild, startOffset, endId, endChild, endOffset]) => {
  const node = (id, child) => {
    let n = document.getElementById(id);
    for (const i of child) n = n.childNodes[i];
    return n;
  };
  const range = document.createRange();
  range.setStart(node(startId, startChild), startOffset);
  range.setEnd(node(endId, endChild), endOffset);
  getSelection().removeAllRanges();
  getSelection().addRange(range);
  return range;
}"""


def load_sample(page: Any) -> None:
    page.set_content(SAMPLE)
    page.add_script_tag(path=str(EXTENSION_DIR / "content" / "highlighter.js"))
    page.add_script_tag(path=str(EXTENSION_DIR / "content" / "ui.js"))


def select(page: Any, start: tuple, end: tuple) -> None:
    page.evaluate(SELECT, [*start, *end])
    page.evaluate("document.dispatchEvent(new MouseEvent('mouseup', {bubbles: true}))")


# --- highlighter.js on an ordinary page ----------------------------------------------------


def test_describe_range_gives_quote_and_32_characters_of_context(page):
    load_sample(page)
    described = page.evaluate("""() => {
        const t = document.getElementById("p1").firstChild;
        const r = document.createRange(); r.setStart(t, 16); r.setEnd(t, 25);
        const d = GlossHighlighter.describeRange(document.body, r);
        return {quote: d.quote, prefix: d.prefix, suffix: d.suffix};
    }""")
    assert described == {
        "quote": "fox jumps",
        "prefix": "The quick brown ",
        "suffix": " over the lazy dog. A linked phr",
    }


def test_a_highlight_across_a_link_and_paragraphs_gets_one_mark_per_text_node(page):
    load_sample(page)
    result = page.evaluate("""() => {
        const p1 = document.getElementById("p1"), p2 = document.getElementById("p2");
        const r = document.createRange();
        r.setStart(p1.firstChild, 40); r.setEnd(p2.firstChild, 6);
        const d = GlossHighlighter.describeRange(document.body, r);
        const marks = GlossHighlighter.drawHighlight(document.body, d.range, {id: 7, color: "blue"});
        return {quote: d.quote, marks: marks.map(m => m.textContent),
                parents: marks.map(m => m.parentNode.id || m.parentNode.localName)};
    }""")
    assert result["quote"] == "dog. A linked phrase sits here.\n\nSecond"
    assert result["marks"] == ["dog. A ", "linked phrase", " sits here.", "Second"]
    assert result["parents"] == ["p1", "link", "p1", "p2"]


def test_find_quote_tolerates_whitespace_quotes_and_dashes_and_uses_context(page):
    load_sample(page)
    found = page.evaluate("""() => {
        const text = (sel) => { const r = GlossHighlighter.findQuote(document.body, sel); return r && r.toString(); };
        const second = GlossHighlighter.findQuote(document.body,
                                                  {quote: "the fox", prefix: "Later again: ", suffix: "."});
        const first = GlossHighlighter.findQuote(document.body,
                                                 {quote: "the fox", prefix: "Repeat: ", suffix: ". Later"});
        return {
          curly: text({quote: '"curly quotes" and a long-dash here'}),
          across: text({quote: "Two item", prefix: "One item\\n\\n"}),
          missing: text({quote: "not on this page"}),
          secondOffset: second.startOffset, firstOffset: first.startOffset,
        };
    }""")
    assert found["curly"] == "\u201ccurly quotes\u201d and a long\u2014dash\u00a0here"
    assert found["across"] == "Two item"
    assert found["missing"] is None
    assert found["firstOffset"] == len("Repeat: ")
    assert found["secondOffset"] == len("Repeat: the fox. Later again: ")


def test_marks_change_no_layout_and_leave_page_scripts_working(page):
    load_sample(page)
    outcome = page.evaluate("""() => {
        // Whole pixels: splitting a text node may change kerning by a hair.
        const box = (id) => { const r = document.getElementById(id).getBoundingClientRect();
                              return [r.x, r.y, r.width, r.height].map(Math.round); };
        const before = ["p1", "p2", "link"].map(box);
        const p1 = document.getElementById("p1");
        const r = document.createRange();
        r.setStart(p1.firstChild, 4); r.setEnd(document.getElementById("link").firstChild, 6);
        const marks = GlossHighlighter.drawHighlight(document.body, r, {id: "h1"});
        const after = ["p1", "p2", "link"].map(box);
        document.getElementById("link").click();
        const style = getComputedStyle(marks[0]);
        return {same: JSON.stringify(before) === JSON.stringify(after), clicks: window.clicks,
                padding: style.paddingTop, border: style.borderTopWidth, display: style.display,
                color: style.color === getComputedStyle(p1).color,
                originalKept: window.firstText.isConnected && window.firstText.data === "The "};
    }""")
    assert outcome == {"same": True, "clicks": 1, "padding": "0px", "border": "0px", "display": "inline",
                       "color": True, "originalKept": True}


def test_remove_highlight_restores_the_text_nodes(page):
    load_sample(page)
    restored = page.evaluate("""() => {
        const article = document.getElementById("article");
        const html = article.innerHTML;
        const count = () => {
          const w = document.createTreeWalker(article, NodeFilter.SHOW_TEXT);
          let n = 0;
          while (w.nextNode()) n++;
          return n;
        };
        const nodes = count();
        const p1 = document.getElementById("p1");
        const r = document.createRange();
        r.setStart(p1.firstChild, 4); r.setEnd(document.getElementById("p2").firstChild, 10);
        GlossHighlighter.drawHighlight(document.body, r, {id: 3});
        const inner = document.createRange();
        inner.setStart(p1.firstChild.nextSibling.firstChild, 2); inner.setEnd(p1.firstChild.nextSibling.firstChild, 8);
        GlossHighlighter.drawHighlight(document.body, inner, {id: 4});
        const drawn = document.querySelectorAll("mark[data-gloss-highlight]").length;
        const removed = GlossHighlighter.removeHighlight(3) + GlossHighlighter.removeHighlight("4");
        return {drawn, removed, same: article.innerHTML === html, nodes: count() === nodes,
                first: window.firstText.isConnected && window.firstText.data.startsWith("The quick")};
    }""")
    assert restored == {"drawn": 5, "removed": 5, "same": True, "nodes": True, "first": True}


def test_anchor_all_draws_what_it_finds_and_returns_the_rest(page):
    load_sample(page)
    result = page.evaluate("""() => {
        const {drawn, missing} = GlossHighlighter.anchorAll(document.body, [
          {id: 1, color: "green", selectors: [{quote: "edited away"}, {quote: "lazy dog", prefix: "over the "}]},
          {id: 2, selectors: [{quote: "the fox", prefix: "again: "}]},
          {id: 3, selectors: [{quote: "never there"}]},
        ]);
        return {drawn: drawn.map(d => [d.item.id, d.marks.map(m => m.textContent).join("")]),
                missing: missing.map(m => m.id),
                color: document.querySelector('mark[data-gloss-highlight="1"]').dataset.glossColor};
    }""")
    assert result == {"drawn": [[1, "lazy dog"], [2, "the fox"]], "missing": [3], "color": "green"}


# --- ui.js on an ordinary page -----------------------------------------------------------


def test_floating_button_creates_and_popover_edits_a_highlight(page):
    load_sample(page)
    page.evaluate("""() => {
        window.calls = [];
        window.glossUi = GlossUI.create({
          onHighlight: async (range) => {
            const d = GlossHighlighter.describeRange(document.body, range);
            window.calls.push(["highlight", d.quote]);
            GlossHighlighter.drawHighlight(document.body, d.range, {id: 9, color: "yellow"});
          },
          getHighlight: (id) => ({note: "old note", tags: ["a"], color: "yellow"}),
          onUpdate: async (id, changes) => { window.calls.push(["update", id, changes]);
                                             if (changes.color) {
                                               GlossHighlighter.setHighlightColor(id, changes.color);
                                             } },
          onDelete: async (id) => { window.calls.push(["delete", id]); GlossHighlighter.removeHighlight(id); },
        });
    }""")
    select(page, ("p2", [0], 7), ("p2", [0], 16))
    page.click('[data-gloss-action="highlight"]')
    page.wait_for_selector('mark[data-gloss-highlight="9"]')
    assert page.evaluate("window.calls") == [["highlight", "paragraph"]]
    assert not page.is_visible('[data-gloss-action="highlight"]')

    page.click('mark[data-gloss-highlight="9"]')
    assert page.input_value('[data-gloss-field="note"]') == "old note"
    page.click('[data-gloss-color="purple"]')
    page.fill('[data-gloss-field="note"]', "why it matters")
    # A tag the server would refuse is refused here, with the reason, and nothing is sent.
    page.fill('[data-gloss-field="tags"]', "ai, " + "x" * 101)
    page.click('[data-gloss-action="save"]')
    assert "at most 100 characters" in page.inner_text("[data-gloss-popover] .status")
    assert page.is_visible("[data-gloss-popover]")
    page.fill('[data-gloss-field="tags"]', "ai, chips,  AI ")
    page.click('[data-gloss-action="save"]')
    assert not page.is_visible("[data-gloss-popover]")
    assert page.evaluate("document.querySelector('mark').dataset.glossColor") == "purple"
    page.click('mark[data-gloss-highlight="9"]')
    page.click('[data-gloss-action="delete"]')
    page.wait_for_function("!document.querySelector('mark')")
    assert page.evaluate("window.calls.slice(1)") == [
        ["update", "9", {"color": "purple"}],
        ["update", "9", {"note": "why it matters", "tags": ["ai", "chips"]}],
        ["delete", "9"],
    ]
    assert page.evaluate("document.getElementById('p2').childNodes.length") == 1


def test_a_selection_cut_inside_words_highlights_the_whole_words(page):
    load_sample(page)
    page.evaluate("""() => {
        window.quotes = [];
        GlossUI.create({
          onHighlight: async (range) => {
            const d = GlossHighlighter.describeRange(document.body, range);
            window.quotes.push([d.quote, d.prefix, d.suffix]);
            GlossHighlighter.drawHighlight(document.body, d.range, {id: 5});
          },
          getHighlight: () => null, onUpdate: async () => {}, onDelete: async () => {},
        });
    }""")
    # "The qu[ick brown fox jumps over the lazy dog. A lin]ked phrase": both ends inside words.
    select(page, ("p1", [0], 6), ("link", [0], 3))
    page.click('[data-gloss-action="highlight"]')
    page.wait_for_selector('mark[data-gloss-highlight="5"]')
    assert page.evaluate("window.quotes") == [[
        "quick brown fox jumps over the lazy dog. A linked", "The ", " phrase sits here.\n\nSecond parag"]]
    marks = page.evaluate("[...document.querySelectorAll('mark')].map(m => m.textContent)")
    assert marks == ["quick brown fox jumps over the lazy dog. A ", "linked"]


def test_floating_button_follows_keyboard_selection_and_a_failure_is_shown(page):
    load_sample(page)
    page.evaluate("""() => GlossUI.create({
        onHighlight: async () => { throw new Error("The Gloss server could not be reached."); },
        getHighlight: () => null, onUpdate: async () => {}, onDelete: async () => {},
    })""")
    page.evaluate(SELECT, ["p1", [0], 4, "p1", [0], 9])
    page.keyboard.press("Shift+ArrowRight")  # keyup (and selectionchange) show the button
    page.click('[data-gloss-action="highlight"]')
    message = page.wait_for_selector('[data-gloss-message="error"]')
    assert "could not be reached" in message.text_content()
    assert page.query_selector("mark") is None


# --- The extension against a real Gloss server ---------------------------------------------

SEED_HTML = (FIXTURES / "seed-article.html").read_text(encoding="utf-8")
REVISED_HTML = (FIXTURES / "seed-article.revised.html").read_text(encoding="utf-8")
EXPECTED_TEXT = (FIXTURES / "seed-article.expected.txt").read_text(encoding="utf-8")

KEPT_QUOTE = "Angela Zhang, a University of Southern California law professor"
CUT_QUOTE = "Eric Schmidt recently noted that besides DeepSeek"

SELECT_TEXT = """([startCss, startText, endCss, endText]) => {
  const find = (css, text, atEnd) => {
    const walker = document.createTreeWalker(document.querySelector(css), NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const at = node.data.indexOf(text);
      if (at >= 0) return [node, atEnd ? at + text.length : at];
    }
    throw new Error(`"${text}" is not in ${css}`);
  };
  const range = document.createRange();
  range.setStart(...find(startCss, startText, false));
  range.setEnd(...find(endCss, endText, true));
  getSelection().removeAllRanges();
  getSelection().addRange(range);
  document.dispatchEvent(new MouseEvent("mouseup", {bubbles: true}));
}"""

MARKED_IDS = ("[...new Set([...document.querySelectorAll('mark[data-gloss-highlight]')]"
              ".map(m => m.dataset.glossHighlight))].sort()")


class Api:
    """The Gloss API as a third-party client sees it."""

    def __init__(self, base: str, token: str):
        self.base, self.token = base, token

    def get(self, path: str) -> Any:
        request = urllib.request.Request(self.base + path, headers={"Authorization": f"Bearer {self.token}"})
        with urllib.request.urlopen(request, timeout=10) as response:
            return json.load(response)

    def lookup(self, url: str) -> Any:
        return self.get("/api/v1/pages/lookup?" + urllib.parse.urlencode({"url": url}))

    def pages(self) -> list[Any]:
        return self.get("/api/v1/pages")["items"]


def paragraphs(text: str) -> list[str]:
    return [" ".join(block.split()) for block in text.split("\n\n") if block.strip()]


def wait_for(page: Any, condition, what: str, seconds: float = 20) -> Any:
    """Polls `condition` while letting the browser run (no time.sleep in sync Playwright)."""
    for _ in range(int(seconds * 4)):
        value = condition()
        if value:
            return value
        page.wait_for_timeout(250)
    raise AssertionError(f"timed out waiting for {what}")


def highlight(page: Any, start: tuple[str, str], end: tuple[str, str]) -> None:
    page.evaluate(SELECT_TEXT, [*start, *end])
    page.click('[data-gloss-action="highlight"]')
    # The button says "Saving…" until the server answered, then hides.
    page.wait_for_selector('[data-gloss-action="highlight"]', state="hidden")


def open_with_gloss(extension, url: str) -> Any:
    page = extension.context.new_page()
    page.goto(url)
    page.wait_for_selector("gloss-ui", state="attached")  # the content script asked the server
    return page


def test_save_highlight_revisit_and_queue_while_the_server_is_down(live_server, extension, site):
    api = Api(live_server.base, live_server.create_user("reader"))
    extension.configure(live_server.base, api.token)
    url = site.serve("/faq/article.html", SEED_HTML)
    page = open_with_gloss(extension, url)

    # The toolbar button saves the live page and opens the reader view, signed in.
    with extension.context.expect_page() as opened:
        extension.click_toolbar_button(page)
    reader = opened.value
    reader.wait_for_url("**/pages/*")
    saved = api.lookup(url)
    assert reader.url == f"{live_server.base}/pages/{saved['id']}"
    expected = paragraphs(EXPECTED_TEXT)
    got = paragraphs(saved["text"])
    assert (got[1:] if got[0] == expected[0] else got) == expected[1:]
    assert extension.badge(page) == {"text": "✓", "title": "Saved to Gloss"}
    reader.close()

    # Selecting text and clicking the floating button stores and draws highlights,
    # also across element boundaries (two paragraphs).
    highlight(page, ("#content p:nth-of-type(2)", KEPT_QUOTE), ("#content p:nth-of-type(2)", KEPT_QUOTE))
    highlight(page, ("#content p:nth-of-type(8)", CUT_QUOTE), ("#content p:nth-of-type(8)", CUT_QUOTE))
    highlight(page, ("#content p:nth-of-type(1)", "gaining undeniable"),
              ("#content p:nth-of-type(2)", "However, interestingly"))
    page.wait_for_function(f"{MARKED_IDS}.length === 3")
    stored = {h["quote"]: h for h in api.lookup(url)["highlights"]}
    spanning = "gaining undeniable momentum.\n\nHowever, interestingly"
    assert set(stored) == {KEPT_QUOTE, CUT_QUOTE, spanning}
    assert all(h["status"] == "anchored" for h in stored.values())
    assert page.locator(f'mark[data-gloss-highlight="{stored[spanning]["id"]}"]').count() == 2
    assert page.locator(f'mark[data-gloss-highlight="{stored[KEPT_QUOTE]["id"]}"]').all_text_contents() == [KEPT_QUOTE]

    # A passage outside the saved article is refused with a message, and not marked.
    highlight(page, (".sidebar", "Easy-to-use and free code editor"), (".sidebar", "Easy-to-use and free code editor"))
    message = page.wait_for_selector('[data-gloss-message="error"]')
    assert "not part of the article" in message.text_content()
    assert page.evaluate(f"{MARKED_IDS}.length") == 3

    # Clicking the button again updates the same page.
    with extension.context.expect_page() as opened:
        extension.click_toolbar_button(page)
    opened.value.close()
    assert wait_for(page, lambda: extension.badge(page)["title"] == "Updated in Gloss", "the update badge")
    assert len(api.pages()) == 1

    # Reloading draws the highlights again.
    page.reload()
    page.wait_for_function(f"{MARKED_IDS}.length === 3")

    # On the edited page the kept passages are drawn; the cut one is counted on the badge.
    site.serve("/faq/article.html", REVISED_HTML)
    page.reload()
    kept_ids = sorted([str(stored[KEPT_QUOTE]["id"]), str(stored[spanning]["id"])])
    page.wait_for_function(f"JSON.stringify({MARKED_IDS}) === JSON.stringify({json.dumps(kept_ids)})")
    # (the badge's text and its title are set one after the other: wait for both)
    badge = wait_for(page, lambda: (b := extension.badge(page))["text"] == "1" and "could not be found" in b["title"]
                     and b, "the missing-highlight count")
    assert "1 of 3 Gloss highlights could not be found" in badge["title"]

    # With the server down a save is queued and the page says so...
    live_server.stop()
    extension.click_toolbar_button(page)
    message = page.wait_for_selector('[data-gloss-message="error"] >> text=queued')
    assert "could not be reached" in message.text_content()
    assert "queued" in extension.badge(page)["title"]
    assert [entry["url"] for entry in extension.storage("saveQueue")] == [url]

    # ...and lands after the next call that reaches the server again.
    live_server.start()
    page.reload()
    wait_for(page, lambda: extension.storage("saveQueue") == [], "the queued save to be sent")
    resaved = api.lookup(url)
    assert "Analysts expect the gap to narrow further this year." in resaved["text"]
    status = {h["quote"]: h["status"] for h in resaved["highlights"]}
    assert status == {KEPT_QUOTE: "anchored", spanning: "anchored", CUT_QUOTE: "orphaned"}


def test_options_sign_in_then_highlight_an_unsaved_page_and_edit_it(live_server, extension, site):
    password = "pw-writer-options"
    live_server.create_user("writer", password=password)
    options = extension.context.new_page()
    options.goto(f"chrome-extension://{extension.extension_id}/options/options.html")
    status = options.locator("#status")

    def submit(button: str, server: str, expected: str) -> None:
        options.fill("#server-url", server)
        options.click(button)
        options.wait_for_function(
            "text => document.getElementById('status').textContent.includes(text)", arg=expected, timeout=15000
        )

    submit("#save", "http://gloss.example.org", "only allowed for localhost or 127.0.0.1")
    submit("#save", site.base, "did not answer like a Gloss server")
    submit("#save", "http://127.0.0.1:9", "could not be reached")
    submit("#save", live_server.base, "Now enter your user name and password, or an API token")
    assert status.get_attribute("class") == "error"
    assert extension.evaluate("() => chrome.storage.local.get(null)") == {}
    assert options.get_attribute("#tokens-page", "href") == f"{live_server.base}/tokens"
    options.fill("#username", "writer")
    options.fill("#password", "not-the-password")
    submit("#save", live_server.base, "Wrong user name or password.")
    options.fill("#password", password)
    submit("#save", live_server.base, "Saved. Connected to Gloss")
    assert status.get_attribute("class") == "ok"
    stored = extension.evaluate("() => chrome.storage.local.get(null)")
    assert stored["serverUrl"] == live_server.base
    assert len(stored["apiToken"]) >= 32
    assert password not in json.dumps(stored)
    assert options.input_value("#password") == ""
    options.fill("#username", "")
    options.evaluate("document.getElementById('status').textContent = ''")
    submit("#save", live_server.base, "Saved. Connected to Gloss")  # the stored token, tested again
    api = Api(live_server.base, stored["apiToken"])

    # The context menu / keyboard shortcut path highlights the selection; the
    # page was never saved, so it is saved first.
    url = site.serve("/fresh.html", SEED_HTML)
    page = open_with_gloss(extension, url)
    page.evaluate(SELECT_TEXT,
                  ["#content p:nth-of-type(3)", "Nvidia’s H20", "#content p:nth-of-type(3)", "Nvidia’s H20"])
    extension.evaluate("tabId => chrome.tabs.sendMessage(tabId, {type: 'HIGHLIGHT_SELECTION'})", extension.tab_id(page))
    mark = page.wait_for_selector("mark[data-gloss-highlight]")
    [created] = api.lookup(url)["highlights"]
    assert created["quote"] == "Nvidia’s H20"
    assert mark.get_attribute("data-gloss-highlight") == str(created["id"])

    # Clicking the mark opens the popover: color, note and tags, then delete.
    mark.click()
    page.click('[data-gloss-color="green"]')
    page.wait_for_function("document.querySelector('mark[data-gloss-highlight]').dataset.glossColor === 'green'")
    page.fill('[data-gloss-field="note"]', "Export controls in one line")
    page.fill('[data-gloss-field="tags"]', "chips, policy")
    page.click('[data-gloss-action="save"]')
    page.wait_for_selector(".popover", state="hidden")
    [edited] = api.lookup(url)["highlights"]
    assert (edited["color"], edited["note"], sorted(edited["tags"])) == \
        ("green", "Export controls in one line", ["chips", "policy"])

    page.click("mark[data-gloss-highlight]")
    page.click('[data-gloss-action="delete"]')
    page.wait_for_function("!document.querySelector('mark[data-gloss-highlight]')")
    assert api.lookup(url)["highlights"] == []
    assert page.evaluate("document.querySelector('#content p:nth-of-type(3)').childNodes.length") == 1


# --- The same extension in Firefox ---------------------------------------------------------

FIREFOX_DRIVER = ROOT / "tests" / "extension" / "firefox_bidi.mjs"


def node_command() -> list[str]:
    """node, with the WebSocket client switched on where it is still experimental (Node 20)."""
    node = shutil.which("node")
    if not node or not shutil.which("firefox-esr"):
        reason = "the Firefox run needs firefox-esr and node on the PATH (apt-get install firefox-esr nodejs)"
        if os.environ.get("CI"):
            pytest.fail(f"{reason}; CI must provide them")
        pytest.skip(reason)
    has_websocket = subprocess.run([node, "-p", "typeof WebSocket"], capture_output=True, text=True).stdout.strip()
    return [node] if has_websocket == "function" else [node, "--experimental-websocket"]


def test_firefox_saves_and_highlights_with_the_same_source_tree(live_server, site):
    command = node_command()
    api = Api(live_server.base, live_server.create_user("fox"))
    url = site.serve("/firefox.html", SEED_HTML)
    run = subprocess.run([*command, str(FIREFOX_DRIVER), live_server.base, api.token, url, KEPT_QUOTE],
                         capture_output=True, text=True, timeout=180)
    result = json.loads(run.stdout.strip().splitlines()[-1])
    assert run.returncode == 0, result
    saved = api.lookup(url)
    assert result["saved"] == {"ok": True, "pageId": saved["id"], "created": True}
    assert result["readerUrl"] == f"{live_server.base}/pages/{saved['id']}"
    assert result["marked"] == KEPT_QUOTE
    assert [h["quote"] for h in saved["highlights"]] == [KEPT_QUOTE]
