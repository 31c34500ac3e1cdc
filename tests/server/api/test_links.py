"""POST /api/v1/pages with a url and no html: the page is fetched in the background
(jobs run by hand here) from a local site on 127.0.0.1, allowed for these tests."""
from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select, update

from server.models import Job, Page, utcnow
from server.services import fetch, links
from tests.local_site import Route


def save_link(user, url, **kw):
    return user.post("/api/v1/pages", json={"url": url, **kw})


def test_a_link_becomes_the_same_article_as_a_browser_save(alice, bob, site, seed_html, loopback_allowed, run_jobs):
    url = site.html("/story", seed_html)
    r = save_link(alice, url)
    assert r.status_code == 202
    assert r.json["state"] == "fetching" and r.json["fetch_error"] is None and r.json["text"] == ""
    assert run_jobs() == 1
    fetched = alice.get(f"/api/v1/pages/{r.json['id']}").json
    browser = bob.save(url, seed_html).json
    assert fetched["state"] == "article" and fetched["fetch_error"] is None
    for key in ("title", "author", "published", "site_name", "language", "text", "html", "word_count",
                "canonical_url", "excerpt"):
        assert fetched[key] == browser[key], key
    assert fetched["text"]
    headers = dict(site.requests)["/story"]
    assert headers["user-agent"].startswith("Gloss/")


def test_the_answer_does_not_wait_and_a_second_ask_queues_nothing_more(alice, site, seed_html, loopback_allowed,
                                                                      session, run_jobs):
    url = site.html("/story", seed_html)
    first = save_link(alice, url)
    again = save_link(alice, url)
    assert (first.status_code, again.status_code) == (202, 202)
    assert again.json["id"] == first.json["id"]
    assert site.requests == []  # nothing fetched while answering
    assert session.scalar(select(Job.id).where(Job.kind == "fetch").order_by(Job.id.desc())) is not None
    run_jobs()
    assert len(site.requests) == 1
    saved = save_link(alice, url)
    assert saved.status_code == 200 and saved.json["state"] == "article"
    assert run_jobs() == 0


def test_refetch_and_a_failed_refetch_keeps_the_article(alice, site, seed_html, loopback_allowed, run_jobs):
    url = site.html("/story", seed_html)
    page_id = save_link(alice, url).json["id"]
    run_jobs()
    text = alice.get(f"/api/v1/pages/{page_id}").json["text"]
    site.routes["/story"] = Route(404, b"gone", {"Content-Type": "text/html"})
    r = save_link(alice, url, refetch=True)
    assert r.status_code == 202 and r.json["state"] == "fetching" and r.json["text"] == text
    run_jobs()
    page = alice.get(f"/api/v1/pages/{page_id}").json
    assert page["state"] == "article" and page["text"] == text
    assert "not found" in page["fetch_error"]


def test_a_refetch_is_a_resave_under_the_resave_rules(alice, site, seed_html, loopback_allowed, run_jobs):
    url = site.html("/story", seed_html)
    page_id = save_link(alice, url).json["id"]
    run_jobs()
    site.html("/story", "<html><head><title>Sign in</title></head><body><article><p>Please sign in to "
                        "read the rest of this story and many more.</p></article></body></html>")
    save_link(alice, url, refetch=True)
    run_jobs()
    page = alice.get(f"/api/v1/pages/{page_id}").json
    assert page["state"] == "article" and "earlier version was kept" in page["notice"]
    assert page["fetch_error"] is None


@pytest.mark.parametrize("route, message", [
    (Route(404, b"<html>missing</html>", {"Content-Type": "text/html"}), "The page was not found"),
    (Route(200, b"%PDF-1.4 ...", {"Content-Type": "application/pdf"}), "not an HTML page (it is a PDF document)"),
    (Route(200, b"<html><body>" + b"x" * 3_000 + b"</body></html>", {"Content-Type": "text/html"}), "larger than"),
])
def test_a_failed_fetch_leaves_a_link_saying_why(alice, site, loopback_allowed, run_jobs, app, monkeypatch,
                                                 route, message):
    monkeypatch.setitem(app.config, "MAX_PAGE_BYTES", 2_000)
    site.routes["/x"] = route
    page_id = save_link(alice, site.base + "/x").json["id"]
    run_jobs()
    page = alice.get(f"/api/v1/pages/{page_id}").json
    assert page["state"] == "link" and message in page["fetch_error"]


def test_local_addresses_are_refused_by_default(alice, site, run_jobs):
    page_id = save_link(alice, site.base + "/x").json["id"]
    run_jobs()
    page = alice.get(f"/api/v1/pages/{page_id}").json
    assert page["state"] == "link" and page["fetch_error"] == fetch.NOT_ALLOWED
    assert "127.0.0.1" not in page["fetch_error"]
    assert site.requests == []


def test_transient_failures_are_tried_again_then_recorded(alice, site, loopback_allowed, run_jobs, session):
    site.routes["/busy"] = Route(503, b"busy", {"Content-Type": "text/html"})
    page_id = save_link(alice, site.base + "/busy").json["id"]
    run_jobs()
    assert len(site.requests) == 4
    page = alice.get(f"/api/v1/pages/{page_id}").json
    assert page["state"] == "link" and "status 503" in page["fetch_error"]
    job = session.scalar(select(Job).where(Job.kind == "fetch").order_by(Job.id.desc()))
    assert (job.state, job.attempts) == ("done", 4)


def test_a_transient_failure_then_success(alice, site, seed_html, loopback_allowed, run_jobs, app):
    site.routes["/flaky"] = Route(502, b"", {"Content-Type": "text/html"})
    page_id = save_link(alice, site.base + "/flaky").json["id"]
    queue = app.extensions["gloss.queue"]
    with app.app_context():
        task = queue.huey.dequeue()
        queue.huey.execute(task)  # first attempt: 502, a retry is scheduled
    assert alice.get(f"/api/v1/pages/{page_id}").json["state"] == "fetching"
    site.html("/flaky", seed_html)
    run_jobs()
    assert alice.get(f"/api/v1/pages/{page_id}").json["state"] == "article"


def test_a_page_left_fetching_becomes_a_link_after_the_timeout(alice, site, session):
    page_id = save_link(alice, site.base + "/never").json["id"]
    assert alice.get(f"/api/v1/pages/{page_id}").json["state"] == "fetching"
    session.execute(update(Page).where(Page.id == page_id)
                    .values(fetch_requested_at=utcnow() - timedelta(hours=1)))
    session.commit()
    page = alice.get(f"/api/v1/pages/{page_id}").json
    assert page["state"] == "link" and page["fetch_error"] == links.STALE_ERROR
    listed = alice.get("/api/v1/pages").json["items"][0]
    assert listed["state"] == "link" and listed["fetch_error"] == links.STALE_ERROR


def test_a_browser_save_of_a_fetching_page_makes_it_an_article(alice, site, seed_html):
    url = site.base + "/story"
    page_id = save_link(alice, url).json["id"]
    r = alice.save(url, seed_html)
    assert r.status_code == 200 and r.json["id"] == page_id and r.json["state"] == "article"


def test_a_body_without_url_is_422_and_bad_urls_too(alice):
    assert alice.post("/api/v1/pages", json={}).status_code == 422
    assert save_link(alice, "ftp://example.org/file").status_code == 422
    assert save_link(alice, "https://example.org/", refetch="maybe").status_code == 422


def test_links_are_per_user(alice, bob, site, seed_html, loopback_allowed, run_jobs):
    url = site.html("/story", seed_html)
    mine = save_link(alice, url).json["id"]
    theirs = save_link(bob, url).json["id"]
    assert mine != theirs
    assert bob.get(f"/api/v1/pages/{mine}").status_code == 404


def test_exports_write_a_fetching_page_as_a_link_with_its_fetch_error(alice, bob, site, loopback_allowed, run_jobs):
    failed = save_link(alice, site.base + "/missing").json["id"]
    run_jobs()
    pending = save_link(alice, site.base + "/later").json["id"]
    export = alice.get("/api/v1/export?format=json")
    data = export.get_json()
    assert data["version"] == 3  # 2 added fetch_error, 3 the review cards
    records = {p["id"]: p for p in data["pages"]}
    assert records[pending]["state"] == "link" and records[pending]["fetch_error"] is None
    assert records[failed]["state"] == "link" and "not found" in records[failed]["fetch_error"]
    r = bob.client.post("/api/v1/import", data=export.data, headers=bob.headers({"Content-Type": "application/json"}))
    assert r.status_code == 202, r.json
    run_jobs()
    restored = {p["url"]: p for p in bob.get("/api/v1/pages").json["items"]}
    assert restored[site.base + "/missing"]["fetch_error"] == records[failed]["fetch_error"]
    assert {p["state"] for p in restored.values()} == {"link"}
