"""Background work started from the web UI (an import, re-extracting every article,
fetching the articles of imported links), and the page that shows a job's progress.

Each form posts (with the CSRF token), starts one job through the same service as
the API and the command line, and lands on the job's page, whose script polls
`GET /api/v1/jobs/{id}` until the job is done.
"""
from __future__ import annotations

from flask import current_app, flash, g, redirect, render_template, request, url_for
from sqlalchemy import func, select

from ..db import db_session
from ..errors import GlossError
from ..models import Page, User
from ..services import importers
from ..services import jobs as job_service
from ..services import links as link_service
from ..services import reextract as reextract_service
from ..states import LINK
from .blueprint import bp
from .session import check_csrf, login_required

TITLES = {"import": "Import", "reextract": "Re-extracting your articles",
          "fetch_links": "Fetching the articles of imported links"}
LABELS = {"queued": "Waiting for a worker…", "running": "Working…", "done": "Done",
          "failed": "Stopped with an error"}
# What a finished job's result counts, in words; counts a job does not report are left out.
SUMMARY = (("pages_created", "new pages"), ("pages_updated", "pages updated"),
           ("highlights_created", "highlights"),
           ("highlights_waiting", "highlights waiting for their page's article"),
           ("highlights_not_found", "highlights not found in their article"),
           ("reextracted", "articles changed"), ("saved", "articles fetched"),
           ("kept", "kept as they were"), ("failed", "could not be fetched"),
           ("gone", "deleted meanwhile"))
IMPORT_FORMATS = (("", "Detect from the file"), ("gloss", "Gloss export (JSON)"),
                  ("pocket", "Pocket"), ("omnivore", "Omnivore"), ("hypothesis", "Hypothesis"))
FORM_OVERHEAD = 64 * 1024  # the multipart envelope around the file


def summary_of(result: dict | None) -> list[tuple[str, int]]:
    result = dict(result or {})
    if isinstance(result.get("highlights_orphaned"), int):
        result["highlights_not_found"] = result["highlights_orphaned"] - result.get("highlights_waiting", 0)
    lines = [(label, result[key]) for key, label in SUMMARY
             if isinstance(result.get(key), int) and not isinstance(result.get(key), bool) and result[key]]
    lines += [(f"kept because {reason}", count) for reason, count in reextract_service.kept_reasons(result)]
    if isinstance(result.get("skipped"), list) and result["skipped"]:
        lines.append(("left out", len(result["skipped"])))
    elif isinstance(result.get("skipped"), int) and result["skipped"]:
        lines.append(("skipped", result["skipped"]))
    return lines


def link_page_count(user: User) -> int:
    """Pages the user has only as links: what "Fetch the articles" would fetch."""
    return db_session.scalars(select(func.count()).select_from(Page)
                              .where(Page.user_id == user.id, Page.state == LINK)).one()


@bp.get("/jobs/<int:job_id>")
@login_required
def job(job_id: int):
    found = job_service.get_job(db_session, g.user, job_id)
    result = job_service.result(found)
    skipped = result.get("skipped") if isinstance(result, dict) else None
    sentence = importers.import_summary(result) if found.kind == importers.IMPORT_JOB and result else None
    return render_template("job.html", job=found, title=TITLES.get(found.kind, "Background job"),
                           labels=LABELS, summary=summary_of(result), sentence=sentence,
                           skipped=skipped if isinstance(skipped, list) else [])


def _started(job):
    db_session.commit()
    return redirect(url_for("web.job", job_id=job.id))


@bp.post("/import")
@login_required
def start_import():
    """The Extension & export page's import form: the file is read now (a bad file is
    said at once and imports nothing), its items are imported in the background."""
    limit = current_app.config["MAX_IMPORT_BYTES"]
    if request.content_length is None or request.content_length > limit + FORM_OVERHEAD:
        flash(f"Import files are limited to {limit // (1024 * 1024)} MiB.", "error")
        return redirect(url_for("web.tokens"))
    check_csrf()
    upload = request.files.get("file")
    fmt = request.form.get("format") or None
    if upload is None or not upload.filename:
        flash("Choose the export file to import.", "error")
        return redirect(url_for("web.tokens"))
    if fmt is not None and fmt not in importers.FORMATS:
        flash("Choose one of the formats in the list.", "error")
        return redirect(url_for("web.tokens"))
    try:
        started = importers.start_import(db_session, g.user, upload.stream, fmt=fmt,
                                         max_page_bytes=current_app.config["MAX_PAGE_BYTES"])
    except GlossError as err:
        db_session.rollback()
        flash(f"{err.message} Nothing was imported from “{upload.filename}”.", "error")
        return redirect(url_for("web.tokens"))
    return _started(started)


@bp.post("/reextract")
@login_required
def start_reextraction():
    check_csrf()
    return _started(reextract_service.start_reextraction(db_session, g.user))


@bp.post("/links/fetch")
@login_required
def fetch_links():
    """Fetches the articles of every page the user has only as a link (imported, or a fetch that failed)."""
    check_csrf()
    return _started(link_service.fetch_all_links(db_session, g.user))


@bp.app_context_processor
def _job_context() -> dict:
    return {"import_formats": IMPORT_FORMATS,
            "max_import_mib": lambda: current_app.config["MAX_IMPORT_BYTES"] // (1024 * 1024),
            "link_page_count": lambda: link_page_count(g.user) if g.get("user") else 0}
