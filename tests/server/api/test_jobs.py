"""Background jobs through the API: progress of imports, re-extraction and fetching
imported links; each user sees only their own jobs."""
from __future__ import annotations

import json

import pytest

from server.services import fetch
from tests.local_site import LocalSite
from tests.server.services.test_importers import hypothesis_export


@pytest.fixture()
def site(app, monkeypatch):
    monkeypatch.setitem(app.config, "FETCH_ALLOW_NETWORKS", fetch.parse_networks("127.0.0.1/32"))
    s = LocalSite()
    yield s
    s.close()


def upload(user, doc) -> dict:
    r = user.client.post("/api/v1/import", data=json.dumps(doc),
                         headers=user.headers({"Content-Type": "application/json"}))
    assert r.status_code == 202, r.json
    return r.json


def test_imported_links_become_articles_their_highlights_reanchor_and_keep_their_order(
        alice, site, seed_html, run_jobs):
    first = site.html("/first", seed_html)
    second = site.html("/second", seed_html.replace("<title>", "<title>Second: "))
    doc = hypothesis_export(first)
    later = hypothesis_export(second)["annotations"][0]
    later.update(id="b1", created="2024-04-05T09:00:00+00:00")
    doc["annotations"].append(later)
    queued = upload(alice, doc)
    assert queued["state"] in ("queued", "running") and queued["done"] == 0
    run_jobs()
    before = alice.get("/api/v1/pages").json["items"]
    assert [p["state"] for p in before] == ["link", "link"]
    r = alice.post("/api/v1/pages/fetch-links")
    assert r.status_code == 202 and r.json["kind"] == "fetch_links" and r.json["total"] == 2
    job_id = r.json["id"]
    run_jobs()
    job = alice.get(f"/api/v1/jobs/{job_id}").json
    assert (job["state"], job["done"], job["progress"], job["result"]) == ("done", 2, 1.0, {"saved": 2})
    after = alice.get("/api/v1/pages").json["items"]
    assert [p["id"] for p in after] == [p["id"] for p in before]
    assert [p["saved_at"] for p in after] == [p["saved_at"] for p in before]
    assert {p["state"] for p in after} == {"article"}
    for item in after:
        page = alice.get(f"/api/v1/pages/{item['id']}").json
        (h,) = page["highlights"]
        assert h["status"] == "anchored" and page["text"][h["start"]:h["end"]] == h["quote"]
    again = alice.post("/api/v1/pages/fetch-links").json
    assert (again["state"], again["total"]) == ("done", 0)


def test_reextraction_runs_as_a_job(alice, seed_html, run_jobs):
    from tests.conftest import SEED_URL

    alice.save(SEED_URL, seed_html)
    r = alice.post("/api/v1/pages/reextract")
    assert r.status_code == 202 and r.json["total"] == 1
    run_jobs()
    job = alice.get(f"/api/v1/jobs/{r.json['id']}").json
    assert job["state"] == "done" and job["result"] == {"reextracted": 1}


def test_jobs_are_per_user(alice, bob, run_jobs):
    job = upload(alice, hypothesis_export("https://example.org/a"))
    assert bob.get(f"/api/v1/jobs/{job['id']}").status_code == 404
    assert bob.get("/api/v1/jobs").json["items"] == []
    assert [j["id"] for j in alice.get("/api/v1/jobs").json["items"]] == [job["id"]]
    assert alice.get("/api/v1/jobs/999999").status_code == 404


def test_job_actions_need_a_signed_in_user(client):
    assert client.post("/api/v1/pages/fetch-links").status_code == 401
    assert client.get("/api/v1/jobs/1").status_code == 401
