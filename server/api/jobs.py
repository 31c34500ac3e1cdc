"""Background jobs: their progress (imports, re-extraction, fetching imported links),
and the actions that start the bulk ones."""
from __future__ import annotations

from flask import g, url_for

from ..db import db_session
from ..schemas import JobListSchema, JobSchema
from ..services import jobs as job_service
from ..services import links as link_service
from ..services import reextract as reextract_service
from .blueprint import bp
from .auth import login_required

JOB = JobSchema()


def accepted(job):
    """202 with the job, and where to poll it."""
    return JOB.dump(job), 202, {"Location": url_for("api.get_job", job_id=job.id)}


@bp.get("/jobs")
@login_required
def list_jobs():
    """The caller's recent jobs, newest first."""
    return JobListSchema().dump({"items": job_service.recent_jobs(db_session, g.user)})


@bp.get("/jobs/<int:job_id>")
@login_required
def get_job(job_id: int):
    """A job's state and progress (`done` of `total` items), and its result once done."""
    return JOB.dump(job_service.get_job(db_session, g.user, job_id))


@bp.post("/pages/fetch-links")
@login_required
def fetch_links():
    """Fetches, in the background, the articles of the caller's pages saved as links
    (imported, or whose fetch failed); their highlights re-anchor as they arrive."""
    job = link_service.fetch_all_links(db_session, g.user)
    db_session.commit()
    return accepted(job)


@bp.post("/pages/reextract")
@login_required
def reextract_pages():
    """Extracts every article of the caller's again from its stored HTML, in the background."""
    job = reextract_service.start_reextraction(db_session, g.user)
    db_session.commit()
    return accepted(job)
