"""The daily review in a real browser: a session done with the keyboard only, where
each answered highlight leaves the day's queue and comes back on the day the
scheduler set (the server's clock is moved with GLOSS_NOW, honoured in testing
only); a session at phone width; the reading page's plots under the strict CSP.

Screenshots (review and reading, light and dark) go to GLOSS_SCREENSHOTS when set.
"""
from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Any

import pytest

from tests.browser.test_web_ui import Api, Watch, screenshot, sign_in
from tests.conftest import FIXTURES, SEED_URL, LiveServer

MONDAY = datetime(2026, 3, 2, 9, 0, tzinfo=timezone.utc)
QUOTES = ["Chatbot Arena leaderboard", "Huawei and Cambricon",
          "China may not be striving to secure first place outright", "DeepSeek"]
CARD_IDS = "els => els.map(e => e.dataset.highlightId)"  # the cards in their order on the page


def set_clock(server: LiveServer, moment: datetime) -> None:
    """Restarts the server with its clock at `moment` (the database and sessions stay)."""
    server.stop()
    server.env["GLOSS_NOW"] = moment.isoformat()
    server.start()


@pytest.fixture()
def review_server(tmp_path):
    server = LiveServer(tmp_path)
    server.env.update(GLOSS_TESTING="1", GLOSS_NOW=MONDAY.isoformat(), GLOSS_REVIEW_FUZZ="0")
    server.start()
    yield server
    server.close()


def setup_user(server: LiveServer, name: str) -> tuple[Api, dict, list[dict]]:
    api = Api(server.base, server.create_user(name))
    page = api.call("POST", "/api/v1/pages", {"url": SEED_URL, "html": (FIXTURES / "seed-article.html").read_text()})
    made = [api.call("POST", f"/api/v1/pages/{page['id']}/highlights",
                     {"quote": quote, "note": f"note {n}", "tags": ["ai"] if n % 2 else []})
            for n, quote in enumerate(QUOTES)]
    return api, page, made


def current_id(page: Any) -> int:
    return int(page.get_attribute("[data-review-card].is-current", "data-highlight-id"))


def position(page: Any) -> str:
    return page.inner_text("[data-review-position]")


def queue(api: Api) -> list[int]:
    return [item["highlight"]["id"] for item in api.call("GET", "/api/v1/review")["items"]]


def test_a_keyboard_only_session_and_each_highlight_coming_back_when_due(chromium, review_server):
    api, saved, made = setup_user(review_server, "reviewer")
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    watch = Watch(page)
    sign_in(page, review_server.base, "reviewer")
    page.goto(review_server.base + "/review")
    page.wait_for_selector(".review--live [data-review-card].is-current")
    assert position(page) == "1 of 4"
    order = [int(x) for x in page.eval_on_selector_all("[data-review-card]", CARD_IDS)]
    assert sorted(order) == sorted(h["id"] for h in made)
    screenshot(page, "review-light")

    # Space shows the paragraph around the highlight, and hides it again.
    first = page.locator("[data-review-card].is-current")
    assert not first.locator(".review-card__paragraph").is_visible()
    page.keyboard.press("Space")
    page.wait_for_selector("[data-review-card].is-current .review-card__paragraph mark", state="visible")
    assert first.locator(".review-card__paragraph mark").inner_text() in QUOTES
    screenshot(page, "review-context-light")
    page.keyboard.press("Space")
    page.wait_for_selector("[data-review-card].is-current .review-card__paragraph", state="hidden")

    answers = {}
    # 3: good.
    answers[current_id(page)] = "good"
    page.keyboard.press("3")
    page.wait_for_function("() => document.querySelector('[data-review-position]').textContent === '2 of 4'")
    # E: edit the note and tags in place, Enter in the tags field saves.
    edited = current_id(page)
    page.keyboard.press("e")
    page.wait_for_selector("[data-review-card].is-current textarea[name=note]:focus")
    page.keyboard.press("Control+a")
    page.keyboard.type("edited in review")
    page.keyboard.press("Tab")
    page.keyboard.press("Control+a")
    page.keyboard.type("ai, memory,  Memory ")
    page.keyboard.press("Enter")
    page.wait_for_selector("[data-review-card].is-current [data-review-note]:text-is('edited in review')")
    assert page.evaluate("typeof GlossUI.parseTags") == "function"  # the reader's and the extension's parser
    got = api.call("GET", f"/api/v1/highlights/{edited}")
    assert got["note"] == "edited in review" and got["tags"] == ["ai", "memory"]
    # 1: again.
    answers[current_id(page)] = "again"
    page.keyboard.press("1")
    page.wait_for_function("() => document.querySelector('[data-review-position]').textContent === '3 of 4'")
    # F: a favourite, then 4: easy.
    favourite = current_id(page)
    page.keyboard.press("f")
    page.wait_for_selector("[data-review-card].is-current [data-review-form=favourite] button[aria-pressed=true]")
    answers[favourite] = "easy"
    page.keyboard.press("4")
    page.wait_for_function("() => document.querySelector('[data-review-position]').textContent === '4 of 4'")
    # R: retire the last one.
    retired = current_id(page)
    page.keyboard.press("r")
    page.wait_for_selector("[data-review-done]:not([hidden])")
    screenshot(page, "review-done-light")
    assert watch.errors == [] and watch.csp == [] and watch.dialogs == []

    # Every answered highlight left the day's queue, on the server too.
    assert queue(api) == []
    page.reload()
    page.wait_for_selector("text=All done for today.")
    cards = {hid: api.call("GET", f"/api/v1/highlights/{hid}/review") for hid in answers}
    assert cards[favourite]["favourite"] is True
    assert api.call("GET", f"/api/v1/highlights/{retired}/review")["retired"] is True
    due = {hid: datetime.fromisoformat(card["due"]) for hid, card in cards.items()}
    by_due = sorted(answers, key=lambda hid: due[hid])
    assert answers[by_due[0]] == "again" and due[by_due[0]] == MONDAY + timedelta(days=1)
    good = next(h for h, r in answers.items() if r == "good")
    assert due[good] > due[by_due[0]]

    # Each one comes back on the day the scheduler set, not the day before.
    for hid in by_due:
        set_clock(review_server, due[hid] - timedelta(days=1))
        page.goto(review_server.base + "/review")
        waiting = [int(x) for x in page.eval_on_selector_all("[data-review-card]", CARD_IDS)]
        assert hid not in waiting
        set_clock(review_server, due[hid])
        page.goto(review_server.base + "/review")
        shown = [int(x) for x in page.eval_on_selector_all("[data-review-card]", CARD_IDS)]
        assert hid in shown and retired not in shown
    context.close()


def test_a_session_at_phone_width_and_dark(chromium, review_server):
    _api, _saved, made = setup_user(review_server, "phone")
    context = chromium.new_context(viewport={"width": 390, "height": 844}, color_scheme="dark", has_touch=True)
    page = context.new_page()
    watch = Watch(page)
    sign_in(page, review_server.base, "phone")
    page.goto(review_server.base + "/review")
    page.wait_for_selector(".review--live [data-review-card].is-current")
    screenshot(page, "review-phone-dark")
    layout = page.evaluate("""() => {
      const buttons = [...document.querySelectorAll('[data-review-card].is-current .answer')]
        .map((b) => b.getBoundingClientRect());
      return {scroll: document.documentElement.scrollWidth, width: innerWidth, height: innerHeight,
              bottoms: buttons.map((r) => r.bottom), lefts: buttons.map((r) => r.left),
              rights: buttons.map((r) => r.right),
              heights: buttons.map((r) => r.height)};
    }""")
    assert layout["scroll"] <= layout["width"], layout  # nothing wider than the phone
    # The answers on the first screen.
    assert len(layout["bottoms"]) == 4 and max(layout["bottoms"]) < layout["height"], layout
    assert min(layout["lefts"]) >= 0 and max(layout["rights"]) <= layout["width"]
    assert min(layout["heights"]) >= 44  # big enough for a thumb
    for n in range(len(made)):
        assert position(page) == f"{n + 1} of {len(made)}"
        page.tap("[data-review-card].is-current .answer--good")
        page.wait_for_function("() => document.querySelector('[data-review-position]').textContent"
                               f" !== '{n + 1} of {len(made)}'")
    page.wait_for_selector("[data-review-done]:not([hidden])")
    assert watch.errors == [] and watch.csp == []
    context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_reading_page_draws_its_plots_under_the_csp(chromium, review_server, scheme):
    set_clock(review_server, datetime.now(timezone.utc))  # the pages were saved today
    api, saved, made = setup_user(review_server, f"reader-{scheme}")
    api.call("PUT", f"/api/v1/pages/{saved['id']}/tags", {"tags": ["ai", "policy"]})
    api.call("PATCH", f"/api/v1/pages/{saved['id']}", {"read": True})
    for h in made[:2]:
        api.call("POST", f"/api/v1/highlights/{h['id']}/review", {"rating": "good"})
    context = chromium.new_context(viewport={"width": 1280, "height": 1100}, color_scheme=scheme)
    page = context.new_page()
    watch = Watch(page)
    sign_in(page, review_server.base, f"reader-{scheme}")
    page.goto(review_server.base + "/reading")
    page.wait_for_load_state("load")
    drawn = page.evaluate("""() => [...document.querySelectorAll('canvas[data-chart]')].map((c) => {
      const chart = window.Chart && window.Chart.getChart(c);
      const pixels = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
      let inked = 0; for (let i = 3; i < pixels.length; i += 4) if (pixels[i]) inked++;
      const total = chart ? chart.data.datasets.flatMap((d) => d.data).reduce((a, b) => a + b, 0) : 0;
      return {name: c.dataset.chart, chart: !!chart, inked, width: c.clientWidth, total};
    })""")
    assert [d["name"] for d in drawn] == ["pages", "highlights", "tags"]
    assert all(d["chart"] and d["inked"] > 500 and d["width"] > 200 and d["total"] > 0 for d in drawn), drawn
    calendar = page.evaluate("() => { const c = document.querySelector('.calendar'); "
                             "return c.scrollLeft + c.clientWidth >= c.scrollWidth - 1; }")
    assert calendar  # opens on its latest weeks
    assert watch.csp == [] and watch.errors == []
    screenshot(page, f"reading-{scheme}", full_page=True)
    page.set_viewport_size({"width": 390, "height": 844})
    page.wait_for_timeout(200)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    screenshot(page, f"reading-phone-{scheme}", full_page=True)
    context.close()
