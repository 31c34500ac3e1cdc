"""Saving links in a real Chromium against `gloss serve` and its worker: the library's
"Add a link" form, the installed app's share target, the bookmarklet, and the progress
of an import and of fetching its links. Pages come
from a local HTTP server on 127.0.0.1, which the Gloss server may fetch from through
GLOSS_FETCH_ALLOW_NETWORKS.

Screenshots of the library with the form and of the share page (phone and desktop)
go to the directory named by GLOSS_SCREENSHOTS when it is set.
"""
from __future__ import annotations

import html
import json
import re
import urllib.parse
from pathlib import Path
from typing import Any
from collections.abc import Iterator

import pytest

from tests.browser.test_web_app import app_manifest, installable  # noqa: F401  (a fixture)
from tests.browser.test_web_ui import Api, Watch, screenshot, sign_in
from tests.conftest import FIXTURES, LiveServer
from tests.server.services.test_importers import hypothesis_export
from tests.web.conftest import article_html


PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
ARRIVAL_MS = 60_000  # the embedded worker fetches the link; generous on a busy machine


@pytest.fixture()
def gloss(tmp_path: Path) -> Iterator[LiveServer]:
    """`gloss serve` allowed to fetch from loopback, where the test's site runs."""
    server = LiveServer(tmp_path)
    server.env["GLOSS_FETCH_ALLOW_NETWORKS"] = "127.0.0.0/8"
    server.start()
    yield server
    server.close()


def wait_for_article(page: Any, title: str) -> None:
    """The library's own polling turns the fetching card into the article's card."""
    page.wait_for_selector(f'.page-card[data-page-state="article"] .page-card__title a:text-is("{title}")',
                           timeout=ARRIVAL_MS)


def test_a_link_added_in_the_library_becomes_an_article(chromium, gloss, site):
    api = Api(gloss.base, gloss.create_user("linker"))
    url = site.serve("/gardens.html", article_html("Evening Gardens"))
    context = chromium.new_context(viewport=DESKTOP)
    page = context.new_page()
    watch = Watch(page)
    sign_in(page, gloss.base, "linker")
    assert page.is_visible("text=Your library is empty.")
    screenshot(page, "library-add-link-empty")

    form = page.locator('form[data-gloss-form="add-link"]')
    form.locator('input[name="url"]').fill(url)
    form.locator('button[type="submit"]').click()
    page.wait_for_url(gloss.base + "/")
    page.wait_for_selector("text=Link saved. Gloss is fetching the article")
    wait_for_article(page, "Evening Gardens")
    screenshot(page, "library-add-link")

    (saved,) = api.call("GET", "/api/v1/pages")["items"]
    assert (saved["state"], saved["url"], saved["fetch_error"]) == ("article", url, None)
    full = api.call("GET", f"/api/v1/pages/{saved['id']}")
    assert "quiet pleasure of looking after them" in full["text"]

    # A link that cannot be fetched ends as a link that says why, without a reload.
    missing = site.base + "/missing.html"
    form.locator('input[name="url"]').fill(missing)
    form.locator('button[type="submit"]').click()
    page.wait_for_selector(".page-card__error", timeout=ARRIVAL_MS)
    assert "Could not fetch it:" in page.inner_text(".page-card__error")
    assert page.locator('.page-card[data-page-state="link"]').count() == 1
    assert watch.dialogs == [] and watch.errors == [] and watch.csp == []
    context.close()


def test_the_installed_apps_share_target_saves_the_shared_link(installable, gloss, site):  # noqa: F811 (a fixture)
    gloss.create_user("phone")
    url = site.serve("/shared.html", article_html("Shared From A Phone", topic="tomatoes"))
    page = installable.pages[0] if installable.pages else installable.new_page()
    watch = Watch(page)
    sign_in(page, gloss.base, "phone")
    target = app_manifest(installable, page)["share_target"]

    # What Android does with a link shared from another app: the share target's URL, link in `text`.
    shared = {target["params"]["title"]: "Shared From A Phone",
              target["params"]["text"]: f"Worth a read {url}"}
    page.goto(gloss.base + target["action"] + "?" + urllib.parse.urlencode(shared))
    form = page.locator('form[data-gloss-form="add-link"]')
    assert form.locator('input[name="url"]').input_value() == url
    assert page.is_visible("text=Shared From A Phone")
    screenshot(page, "share-confirm-phone")
    page.set_viewport_size(DESKTOP)
    screenshot(page, "share-confirm-desktop")
    page.set_viewport_size(PHONE)
    form.locator('button[type="submit"]').click()
    page.wait_for_url(gloss.base + "/")
    wait_for_article(page, "Shared From A Phone")
    assert watch.dialogs == [] and watch.errors == [] and watch.csp == []


def test_the_bookmarklet_opens_the_share_page_and_saves_the_link(chromium, gloss, site):
    api = Api(gloss.base, gloss.create_user("bookmarks"))
    url = site.serve("/bookmarked.html", article_html("A Bookmarked Article", topic="hedges"))
    context = chromium.new_context(viewport=DESKTOP)
    page = context.new_page()
    watch = Watch(page)
    sign_in(page, gloss.base, "bookmarks")
    page.goto(gloss.base + "/tokens")
    code = page.get_attribute("[data-bookmarklet]", "href")
    assert code == page.input_value("#bookmarklet-code")
    assert code.startswith("javascript:")

    # Opening the bookmark on another site runs its code there, as the browser would.
    page.goto(url)
    with page.expect_navigation():
        page.evaluate(urllib.parse.unquote(code[len("javascript:"):]))
    assert page.url.startswith(gloss.base + "/share?url=")
    assert page.input_value('form[data-gloss-form="add-link"] input[name="url"]') == url
    assert api.call("GET", "/api/v1/pages")["items"] == []  # nothing saved before the user confirms
    page.click('form[data-gloss-form="add-link"] button[type="submit"]')
    wait_for_article(page, "A Bookmarked Article")
    assert watch.dialogs == [] and watch.errors == [] and watch.csp == []
    context.close()


def test_the_share_page_escapes_what_was_shared(chromium, gloss):
    gloss.create_user("escaper")
    context = chromium.new_context(viewport=PHONE)
    page = context.new_page()
    watch = Watch(page)
    sign_in(page, gloss.base, "escaper")
    payload = '<img src=x onerror="window.__glossInjected=true">'
    page.goto(gloss.base + "/share?" + urllib.parse.urlencode(
        {"title": payload, "text": f"https://example.org/a?q={html.escape(payload)}"}))
    assert page.inner_text(".share-confirm__title") == payload
    assert page.evaluate("window.__glossInjected === true") is False
    assert watch.dialogs == [] and watch.errors == []
    context.close()


def wait_for_job_end(page, state: str = "done") -> None:
    page.wait_for_selector(f'[data-job-id][data-job-state="{state}"]', timeout=ARRIVAL_MS)
    bar = page.locator(".job__bar")
    assert bar.get_attribute("value") is not None
    assert page.evaluate("() => { const bar = document.querySelector('.job__bar'); return bar.value === bar.max; }")


def test_an_import_and_the_fetch_of_its_links_show_their_progress_to_the_end(chromium, gloss, site, tmp_path):
    api = Api(gloss.base, gloss.create_user("importer"))
    url = site.serve("/annotated.html", (FIXTURES / "seed-article.html").read_text())
    export = tmp_path / "hypothesis.json"
    export.write_text(json.dumps(hypothesis_export(url)))
    context = chromium.new_context(viewport=DESKTOP)
    page = context.new_page()
    watch = Watch(page)
    sign_in(page, gloss.base, "importer")

    page.goto(gloss.base + "/tokens")
    form = page.locator('form[data-gloss-form="import"]')
    form.locator('input[name="file"]').set_input_files(str(export))
    form.locator('select[name="format"]').select_option("hypothesis")
    form.locator('button[type="submit"]').click()
    page.wait_for_url(re.compile(re.escape(gloss.base) + r"/jobs/\d+$"))
    wait_for_job_end(page)
    assert page.inner_text("[data-job-label]") == "Done"
    assert "1 new pages" in page.inner_text(".job__summary")
    screenshot(page, "import-progress")

    # The imported link says what is true of its highlight: it waits for the article.
    (link,) = api.call("GET", "/api/v1/pages")["items"]
    page.goto(f"{gloss.base}/pages/{link['id']}")
    waiting = page.inner_text("#orphans-title").strip()
    assert waiting == "Waiting for the article"
    assert "No longer found" not in page.inner_text("main")
    page.goto(gloss.base + "/highlights")
    assert "Waiting for the article: open the page and save it" in page.inner_text("main")
    assert "No longer found" not in page.inner_text("main")

    # The imported link, then its article fetched by the button, its highlight re-attached.
    page.goto(gloss.base + "/")
    page.click('form.links-to-fetch button[type="submit"]')
    page.wait_for_url(re.compile(re.escape(gloss.base) + r"/jobs/\d+$"))
    wait_for_job_end(page)
    assert "1 articles fetched" in page.inner_text(".job__summary")
    (item,) = api.call("GET", "/api/v1/pages")["items"]
    full = api.call("GET", f"/api/v1/pages/{item['id']}")
    assert full["state"] == "article"
    assert [h["status"] for h in full["highlights"]] == ["anchored"]
    assert watch.dialogs == [] and watch.errors == [] and watch.csp == []
    context.close()
