"""The web UI on a phone (390 px wide) and on a desktop: one-row navigation, the
reader's first screen shows the article with its actions one tap away, meta lines
never start with a separator; and selections in the reader grow to whole words.

Screenshots go to the directory named by GLOSS_SCREENSHOTS when it is set.
"""
from __future__ import annotations

from typing import Any

import pytest

from tests.browser.test_web_ui import SELECT_IN_ARTICLE, Api, screenshot, sign_in
from tests.conftest import FIXTURES, SEED_URL, LiveServer

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}

# Meta items that begin a line and whose "·" separator would be seen there. The
# separator is the item's ::before; at a line start it must lie left of the meta
# box, which clips it. Also counts the line starts checked, so a test can tell
# that wrapping happened at all.
META_LINE_STARTS = """() => {
  const found = {stray: [], lineStarts: 0, unclipped: 0};
  for (const meta of document.querySelectorAll('.meta')) {
    if (!meta.getClientRects().length) continue;
    const box = meta.getBoundingClientRect();
    const clips = ['hidden', 'clip'].includes(getComputedStyle(meta).overflowX);
    const items = [...meta.children].filter((item) => item.getClientRects().length);
    items.forEach((item, i) => {
      const rect = item.getBoundingClientRect();
      if (i > 0 && Math.abs(rect.top - items[i - 1].getBoundingClientRect().top) < 2) return;
      if (i > 0) found.lineStarts += 1;
      const separator = getComputedStyle(item, '::before');
      if (!separator.content.includes('·')) return;
      const shown = rect.left + parseFloat(separator.width || '0') > box.left + 0.5;
      if (shown || !clips) found.stray.push(meta.textContent.replace(/\\s+/g, ' ').trim());
    });
  }
  return found;
}"""

NAV_ROWS = """() => {
  const shown = [...document.querySelectorAll('.site-nav a')].filter((a) => a.getClientRects().length);
  const tops = new Set(shown.map((a) => Math.round(a.getBoundingClientRect().top)));
  return {rows: tops.size, header: document.querySelector('.site-header').getBoundingClientRect().height,
          links: shown.map((a) => a.innerText.trim())};
}"""


@pytest.fixture(scope="module")
def live_server(tmp_path_factory):
    """One server for this module's views (the tests only read, or add what others ignore)."""
    server = LiveServer(tmp_path_factory.mktemp("phone"))
    server.start()
    yield server
    server.close()


@pytest.fixture(scope="module")
def signed_in_state(chromium, live_server):
    """A user with the seed article, a highlight and tags, and a signed-in browser state."""
    api = Api(live_server.base, live_server.create_user("reader"))
    page = api.call("POST", "/api/v1/pages", {"url": SEED_URL, "html": (FIXTURES / "seed-article.html").read_text()})
    api.call("PUT", f"/api/v1/pages/{page['id']}/tags", {"tags": ["ai", "policy"]})
    api.call("POST", f"/api/v1/pages/{page['id']}/highlights", {"quote": "Chatbot Arena leaderboard", "note": "n"})
    context = chromium.new_context(viewport=DESKTOP)
    browser_page = context.new_page()
    sign_in(browser_page, live_server.base, "reader")
    state = context.storage_state()
    context.close()
    return live_server.base, api, page, state


def open_view(chromium: Any, state: Any, viewport: dict, url: str) -> tuple[Any, Any]:
    context = chromium.new_context(storage_state=state, viewport=viewport)
    page = context.new_page()
    page.goto(url)
    page.wait_for_load_state("load")
    return context, page


def test_phone_reader_starts_with_the_article_and_keeps_its_actions_one_tap_away(chromium, signed_in_state):
    base, _api, saved, state = signed_in_state
    context, page = open_view(chromium, state, PHONE, f"{base}/pages/{saved['id']}")
    page.wait_for_selector("mark[data-gloss-highlight]")
    page.evaluate("scrollTo(0, 0)")
    screenshot(page, "phone-reader")

    first = page.evaluate("""() => { const r = document.querySelector('#article p').getBoundingClientRect();
                                      return {top: r.top, height: innerHeight}; }""")
    assert 0 < first["top"] < first["height"] / 2, first  # the article's first lines are on the first screen
    nav = page.evaluate(NAV_ROWS)
    assert nav["rows"] == 1 and nav["header"] < 60, nav
    assert nav["links"] == ["Library", "Highlights", "Review", "Tags", "Export"]
    assert page.evaluate(META_LINE_STARTS)["stray"] == []

    # The tags and page actions wait behind one tap.
    assert not page.is_visible("#read-form button")
    page.click("summary:text('Tags & actions')")
    page.wait_for_selector("#read-form button", state="visible")
    screenshot(page, "phone-reader-actions")
    page.click("#read-form button")
    page.wait_for_selector('#read-form button:text-is("Mark unread")')

    # A highlight's popover is a sheet along the bottom of the screen.
    page.click("mark[data-gloss-highlight]")
    sheet = page.wait_for_selector("[data-gloss-popover]", state="visible").bounding_box()
    assert abs(sheet["x"]) < 1 and abs(sheet["width"] - PHONE["width"]) < 2
    assert abs(sheet["y"] + sheet["height"] - PHONE["height"]) < 2
    screenshot(page, "phone-reader-popover")
    context.close()


def test_phone_library_and_highlights_keep_one_row_of_navigation_and_no_stray_separators(chromium, signed_in_state):
    base, _api, _saved, state = signed_in_state
    context, page = open_view(chromium, state, PHONE, base + "/")
    screenshot(page, "phone-library")
    assert page.evaluate(NAV_ROWS)["rows"] == 1
    meta = page.evaluate(META_LINE_STARTS)
    assert meta["lineStarts"] > 0, "no meta line wrapped: the check saw nothing"
    assert meta["stray"] == []
    # The filters take two rows: the search with its button, then the menus.
    rows = page.evaluate("""() => {
        const middles = [...document.querySelector('form.filters').children]
          .filter((el) => el.getBoundingClientRect().width > 2)  // not the visually hidden labels
          .map((el) => { const r = el.getBoundingClientRect(); return r.top + r.height / 2; })
          .sort((a, b) => a - b);
        return middles.filter((m, i) => i === 0 || m - middles[i - 1] > 12).length;
    }""")
    assert rows == 2
    page.goto(base + "/highlights")
    screenshot(page, "phone-highlights")
    assert page.evaluate(NAV_ROWS)["rows"] == 1
    assert page.evaluate(META_LINE_STARTS)["stray"] == []
    context.close()


def test_desktop_reader_shows_its_tools_without_a_menu(chromium, signed_in_state):
    base, _api, saved, state = signed_in_state
    context, page = open_view(chromium, state, DESKTOP, f"{base}/pages/{saved['id']}")
    page.evaluate("scrollTo(0, 0)")
    screenshot(page, "desktop-reader")
    assert page.is_visible("#read-form button") and page.is_visible("#page-tags-input")
    assert not page.is_visible("summary:text('Tags & actions')")
    nav = page.evaluate(NAV_ROWS)
    assert nav["rows"] == 1 and nav["links"][-1] == "Extension & export"
    assert page.evaluate(META_LINE_STARTS)["stray"] == []
    context.close()


def test_a_selection_cut_inside_words_is_highlighted_as_whole_words_in_the_reader(chromium, signed_in_state):
    base, api, saved, state = signed_in_state
    context, page = open_view(chromium, state, DESKTOP, f"{base}/pages/{saved['id']}")
    # "...may not be striving to secure first place outright": cut inside "striving" and "outright".
    page.evaluate(SELECT_IN_ARTICLE, ["iving to secure first place outr"])
    page.click('[data-gloss-action="highlight"]')
    mark = page.wait_for_selector('mark[data-gloss-highlight]:text-is("striving to secure first place outright")')
    stored = api.call("GET", f"/api/v1/highlights/{mark.get_attribute('data-gloss-highlight')}")
    assert stored["quote"] == "striving to secure first place outright"
    context.close()
