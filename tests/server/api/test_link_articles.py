"""A link imported without its article: when the article arrives by a browser save or by
saving that one link, the page counts as saved then (it tops a newest-first library);
articles fetched in bulk for imported links keep the import's order."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

from server.models import utcnow

POCKET = ("title,url,time_added\n"
          "Older,{old},1500000000\n"
          "Newer,{new},1600000000\n")


def import_links(user, run_jobs, csv: str) -> list[dict]:
    r = user.client.post("/api/v1/import", data=csv.encode(), headers=user.headers({"Content-Type": "text/csv"}))
    assert r.status_code == 202, r.json
    run_jobs()
    return user.get("/api/v1/pages").json["items"]


def saved_at(item: dict) -> datetime:
    return datetime.fromisoformat(item["saved_at"].replace("Z", "+00:00")).astimezone(timezone.utc)


def recent(item: dict) -> bool:
    return abs(saved_at(item) - utcnow().replace(tzinfo=timezone.utc)) < timedelta(minutes=5)


def test_a_browser_save_of_an_imported_link_moves_it_to_the_top(alice, seed_html, run_jobs, site):
    old, new = site.html("/old", seed_html), site.html("/new", seed_html)
    before = import_links(alice, run_jobs, POCKET.format(old=old, new=new))
    assert [p["title"] for p in before] == ["Newer", "Older"]
    assert saved_at(before[1]).year == 2017
    saved = alice.save(old, seed_html)
    assert saved.status_code == 200 and saved.json["state"] == "article"
    after = alice.get("/api/v1/pages").json["items"]
    assert after[0]["id"] == before[1]["id"] and recent(after[0])
    assert after[1]["saved_at"] == before[0]["saved_at"]
    again = alice.save(old, seed_html).json  # saving an article again is not a new save
    assert again["saved_at"] == after[0]["saved_at"]


def test_saving_that_one_link_moves_it_to_the_top(alice, seed_html, run_jobs, site, loopback_allowed):
    old, new = site.html("/old", seed_html), site.html("/new", seed_html)
    before = import_links(alice, run_jobs, POCKET.format(old=old, new=new))
    r = alice.post("/api/v1/pages", json={"url": old})
    assert r.status_code == 202 and r.json["id"] == before[1]["id"]
    run_jobs()
    after = alice.get("/api/v1/pages").json["items"]
    assert after[0]["id"] == before[1]["id"] and after[0]["state"] == "article" and recent(after[0])


def test_articles_fetched_in_bulk_keep_the_import_order(alice, seed_html, run_jobs, site, loopback_allowed):
    old, new = site.html("/old", seed_html), site.html("/new", seed_html)
    before = import_links(alice, run_jobs, POCKET.format(old=old, new=new))
    assert alice.post("/api/v1/pages/fetch-links").status_code == 202
    run_jobs()
    after = alice.get("/api/v1/pages").json["items"]
    assert [p["state"] for p in after] == ["article", "article"]
    assert [(p["id"], p["saved_at"]) for p in after] == [(p["id"], p["saved_at"]) for p in before]
