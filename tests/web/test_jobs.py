"""Background work from the web UI: the import form, re-extraction and "Fetch the articles
of imported links" start a job and land on its progress page; each user sees only
their own jobs."""
from __future__ import annotations

import io
import json
import re

from server.web.jobs import summary_of
from tests.server.services.test_importers import hypothesis_export

JOB_PAGE = re.compile(r"^/jobs/(\d+)$")


def import_file(web, content: bytes, name: str = "export.json", fmt: str = ""):
    return web.client.post("/import", data={"csrf_token": web.csrf("/tokens"), "format": fmt,
                                            "file": (io.BytesIO(content), name)},
                           content_type="multipart/form-data")


def job_id_of(resp) -> int:
    assert resp.status_code == 302, resp.get_data(as_text=True)[:500]
    match = JOB_PAGE.match(resp.headers["Location"])
    assert match, resp.headers["Location"]
    return int(match.group(1))


def test_the_export_page_has_the_import_form_and_the_background_actions(web, signed_in):
    html = web.text("/tokens")
    hit = re.search(r'<form[^>]*data-gloss-form="import"[^>]*>', html)
    assert hit is not None
    form = hit.group(0)
    assert 'action="/import"' in form and 'enctype="multipart/form-data"' in form
    assert 'name="file"' in html and '<option value="pocket">' in html
    assert 'action="/reextract"' in html
    assert 'action="/links/fetch"' not in html  # no pages saved as links yet


def test_an_import_runs_as_a_job_whose_page_shows_its_progress(web, signed_in, run_jobs):
    doc = hypothesis_export("https://example.org/annotated")
    job_id = job_id_of(import_file(web, json.dumps(doc).encode(), fmt="hypothesis"))
    page = web.text(f"/jobs/{job_id}")
    assert "<h1 class=\"page-head__title\">Import</h1>" in page
    assert f'data-job-id="{job_id}"' in page and "/assets/progress.js" in page
    assert re.search(r'data-job-state="(queued|running)"', page)
    assert "Waiting for a worker…" in page or "Working…" in page

    run_jobs()
    page = web.text(f"/jobs/{job_id}")
    assert 'data-job-state="done"' in page and ">Done<" in page
    assert "<strong>1</strong> new pages" in page
    api = signed_in.get(f"/api/v1/jobs/{job_id}").get_json()
    assert (api["state"], api["done"], api["total"]) == ("done", 1, 1)
    assert re.search(r'<progress class="job__bar" max="1" value="1"', page)

    # Imported as a link: the library and the export page offer to fetch its article.
    library = web.text("/")
    assert "1 page without its article." in library and 'action="/links/fetch"' in library
    assert "Fetch the articles of imported links" in web.text("/tokens")


def test_fetching_imported_links_and_reextracting_start_their_jobs(web, signed_in, run_jobs, save_article):
    save_article("Tomato Diaries")
    import_file(web, json.dumps(hypothesis_export("https://example.org/annotated")).encode())
    run_jobs()
    fetch_id = job_id_of(web.post_form("/links/fetch", from_page="/"))
    assert "Fetching the articles of imported links" in web.text(f"/jobs/{fetch_id}")
    assert signed_in.get(f"/api/v1/jobs/{fetch_id}").get_json()["kind"] == "fetch_links"
    again_id = job_id_of(web.post_form("/reextract", from_page="/tokens"))
    job = signed_in.get(f"/api/v1/jobs/{again_id}").get_json()
    assert (job["kind"], job["total"]) == ("reextract", 1)
    run_jobs()
    assert "Re-extracting your articles" in web.text(f"/jobs/{again_id}")
    assert 'data-job-state="done"' in web.text(f"/jobs/{again_id}")


def test_a_bad_file_imports_nothing_and_says_why(web, signed_in):
    resp = import_file(web, b"this is not an export", name="notes.txt")
    assert resp.status_code == 302 and resp.headers["Location"] == "/tokens"
    html = web.text("/tokens")
    assert ("This is not a file Gloss can import: it takes a Gloss JSON export, or an Omnivore, Hypothesis or "
            "Pocket export. Nothing was imported from “notes.txt”.") in html
    assert signed_in.get("/api/v1/pages").get_json()["items"] == []
    resp = web.client.post("/import", data={"csrf_token": web.csrf("/tokens")}, content_type="multipart/form-data")
    assert resp.status_code == 302 and "Choose the export file to import." in web.text("/tokens")


def test_the_forms_need_the_csrf_token(web, signed_in):
    assert web.client.post("/reextract").status_code == 403
    assert web.client.post("/links/fetch").status_code == 403
    resp = web.client.post("/import", data={"file": (io.BytesIO(b"{}"), "x.json")}, content_type="multipart/form-data")
    assert resp.status_code == 403


def test_an_oversized_file_is_refused_before_it_is_read(web, signed_in, app, monkeypatch):
    monkeypatch.setitem(app.config, "MAX_IMPORT_BYTES", 1024)
    resp = import_file(web, b"x" * (200 * 1024))
    assert resp.status_code == 302 and resp.headers["Location"] == "/tokens"
    assert "Import files are limited to" in web.text("/tokens")


def test_another_users_job_is_not_found(web, signed_in, bob):
    started = bob.post("/api/v1/pages/reextract").get_json()
    assert web.get(f"/jobs/{started['id']}").status_code == 404


def test_a_result_is_summed_up_in_words():
    assert summary_of({"format": "pocket", "pages_created": 3, "pages_updated": 0, "highlights_created": 2,
                       "skipped": ["row 4: no URL"]}) == [
        ("new pages", 3), ("highlights", 2), ("left out", 1)]
    assert summary_of({"saved": 2, "failed": 1}) == [("articles fetched", 2), ("could not be fetched", 1)]
    assert summary_of(None) == []
    assert summary_of({"format": "hypothesis", "highlights_created": 3, "highlights_orphaned": 3,
                       "highlights_waiting": 2}) == [
        ("highlights", 3), ("highlights waiting for their page's article", 2),
        ("highlights not found in their article", 1)]
    assert summary_of({"reextracted": 4, "kept": 3, "kept_no_source": 1, "kept_fewer_words": 2}) == [
        ("articles changed", 4), ("kept as they were", 3), ("kept because no original HTML is stored for it", 1),
        ("kept because the new extraction had under half the words of the current text", 2)]


def test_the_import_form_is_one_click_away_and_ends_with_the_command_lines_summary(web, signed_in, run_jobs):
    from server.services.importers import import_summary

    library = web.text("/")
    hit = re.search(r'<a href="/tokens"[^>]*>(.*?)</a>', library)
    assert hit is not None
    nav = hit.group(1)
    assert re.sub(r"<[^>]+>", "", nav).startswith("Extension &amp; e")  # the navigation's link
    assert 'data-gloss-form="import"' in web.text("/tokens")
    doc = hypothesis_export("https://example.org/annotated")
    job_id = job_id_of(import_file(web, json.dumps(doc).encode()))
    assert "data-job-sentence" not in web.text(f"/jobs/{job_id}")  # not before it has finished
    run_jobs()
    page = web.text(f"/jobs/{job_id}")
    result = signed_in.get(f"/api/v1/jobs/{job_id}").get_json()["result"]
    sentence = import_summary(result)
    assert sentence.startswith("Imported a Hypothesis export: 1 page added, 0 updated, 1 highlight (1 waiting")
    assert f"data-job-sentence>{sentence}</p>" in page.replace("&#39;", "'")
