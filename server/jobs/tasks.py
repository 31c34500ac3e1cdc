"""What each kind of job does. Thin, like views: a task loads what its job names and
calls a service; `run_job` claims the job first (so a job delivered twice runs once
at a time), tries transient failures again with backoff, and records the outcome.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass

from flask import current_app
from sqlalchemy import select
from sqlalchemy.orm import Session

from ..models import Job
from ..services import fetch as fetcher
from ..services import jobs as job_service
from ..services import links as link_service

log = logging.getLogger(__name__)

# Jobs that open connections to other sites: a user runs at most FETCHES_PER_USER at once.
FETCH_KINDS = (link_service.FETCH_JOB,)
FETCH_ATTEMPTS = 4
RETRY_BASE_S = 5.0  # then 10, 20 s
BUSY_RETRY_S = 2.0  # a user at the fetch limit: ask again shortly


class TryLater(Exception):
    def __init__(self, delay: float, reason: str):
        super().__init__(reason)
        self.delay, self.reason = delay, reason


@dataclass
class JobContext:
    session: Session
    job: Job
    config: dict

    @property
    def lease_s(self) -> int:
        return self.config["JOB_LEASE_S"]

    @property
    def final_attempt(self) -> bool:
        return self.job.attempts >= FETCH_ATTEMPTS

    def retry_later(self, reason: str) -> TryLater:
        return TryLater(RETRY_BASE_S * 2 ** (self.job.attempts - 1), reason)


def run_fetch(ctx: JobContext) -> dict:
    data = job_service.payload(ctx.job)
    settings = fetcher.settings_from_config(ctx.config)
    try:
        outcome = link_service.fetch_link(ctx.session, data["page_id"], settings, refetch=data.get("refetch", False),
                                          final=ctx.final_attempt)
    except fetcher.TransientFetchError as exc:
        raise ctx.retry_later(exc.message)
    return {"page_id": data["page_id"], "status": outcome.status, "message": outcome.message}


HANDLERS = {
    link_service.FETCH_JOB: run_fetch,
}


def run_job(session: Session, queue, job_id: int) -> None:
    config = current_app.config
    kind = session.scalar(select(Job.kind).where(Job.id == job_id))
    session.commit()
    if kind not in HANDLERS:
        return  # gone, or a parent job that runs no code of its own
    limit = (FETCH_KINDS, config["FETCHES_PER_USER"]) if kind in FETCH_KINDS else None
    job = job_service.claim(session, job_id, config["JOB_LEASE_S"], running_limit=limit)
    if job is None:
        if limit is not None and session.scalar(select(Job.state).where(Job.id == job_id)) == job_service.QUEUED:
            queue.dispatch(job_id, delay=BUSY_RETRY_S)  # the user's other fetches come first
        session.commit()
        return
    ctx = JobContext(session, job, config)
    try:
        outcome = HANDLERS[kind](ctx)
    except TryLater as later:
        session.rollback()
        job_service.requeue(session, session.get(Job, job_id), later.reason)
        queue.dispatch(job_id, delay=later.delay)
        return
    except Exception:
        log.exception("job %s (%s) failed", job_id, kind)
        session.rollback()
        job_service.finish(session, session.get(Job, job_id), error="Something went wrong while doing this job.")
        return
    job_service.finish(session, session.get(Job, job_id), outcome)
