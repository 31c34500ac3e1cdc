"""What each kind of job does. Thin, like views: a task loads what its job names and
calls a service; `run_job` claims the job first (so a job delivered twice runs once
at a time), tries transient failures again with backoff, and records the outcome.
"""
from __future__ import annotations

import json
import logging
import os
import socket
import threading
from dataclasses import dataclass

from flask import current_app
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from ..models import Job, User
from ..services import fetch as fetcher
from ..services import importers
from ..services import jobs as job_service
from ..services import links as link_service
from ..services import reextract as reextract_service

log = logging.getLogger(__name__)

# Jobs that open connections to other sites: a user runs at most FETCHES_PER_USER at once.
FETCH_KINDS = (link_service.FETCH_JOB, link_service.FETCH_LINKS_ITEMS_JOB)
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
    resets_attempts: bool = False  # a unit done starts its successor's attempts afresh

    @property
    def lease_s(self) -> int:
        return self.config["JOB_LEASE_S"]

    @property
    def final_attempt(self) -> bool:
        return self.job.attempts >= FETCH_ATTEMPTS

    def retry_later(self, reason: str) -> TryLater:
        return TryLater(RETRY_BASE_S * 2 ** (max(self.job.attempts, 1) - 1), reason)


def worker_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}:{threading.current_thread().name}"[:200]


def run_fetch(ctx: JobContext) -> dict:
    data = job_service.payload(ctx.job)
    settings = fetcher.settings_from_config(ctx.config)
    try:
        outcome = link_service.fetch_link(ctx.session, data["page_id"], settings, refetch=data.get("refetch", False),
                                          final=ctx.final_attempt)
    except fetcher.TransientFetchError as exc:
        raise ctx.retry_later(exc.message) from exc
    return {"page_id": data["page_id"], "status": outcome.status, "message": outcome.message}


def run_items(ctx: JobContext, handle) -> dict:
    """Works through the job's `units` from the first one not done: each unit's writes and
    the job's progress commit together, so a job taken back after its worker died goes on
    where it stopped and no unit lands twice. `handle(unit)` answers counts to add up."""
    session, job_id = ctx.session, ctx.job.id
    units = job_service.payload(ctx.job)["units"]
    while True:
        job = session.get_one(Job, job_id)
        index = job.done
        if index >= len(units):
            return job_service.result(job) or {}
        for attempt in range(2):
            try:
                counts = handle(units[index])
                break
            except IntegrityError:
                # Another worker added the same page or tag a moment ago: this unit again sees it.
                session.rollback()
                if attempt:
                    raise
        job = session.get_one(Job, job_id)
        job.result = json.dumps(job_service.add_counts(job_service.result(job) or {}, counts))
        job.done = index + 1
        if ctx.resets_attempts:
            job.attempts = 1
        job_service.renew(job, ctx.lease_s)
        session.commit()


def _user(ctx: JobContext) -> User:
    return ctx.session.get_one(User, ctx.job.user_id)


def run_import_items(ctx: JobContext) -> dict:
    user = _user(ctx)
    return run_items(ctx, lambda unit: importers.import_unit(
        ctx.session, user, unit, max_page_bytes=ctx.config["MAX_PAGE_BYTES"]))


def run_reextract_items(ctx: JobContext) -> dict:
    return run_items(ctx, lambda page_id: reextract_service.reextract_unit(ctx.session, page_id))


def run_fetch_links_items(ctx: JobContext) -> dict:
    settings = fetcher.settings_from_config(ctx.config)
    ctx.resets_attempts = True  # transient failures are counted per page, not per chunk

    def fetch_one(page_id: int) -> dict:
        try:
            return {link_service.fetch_unit(ctx.session, page_id, settings, final=ctx.final_attempt): 1}
        except fetcher.TransientFetchError as exc:
            raise ctx.retry_later(exc.message) from exc

    return run_items(ctx, fetch_one)


HANDLERS = {
    link_service.FETCH_JOB: run_fetch,
    link_service.FETCH_LINKS_ITEMS_JOB: run_fetch_links_items,
    importers.IMPORT_ITEMS_JOB: run_import_items,
    reextract_service.REEXTRACT_ITEMS_JOB: run_reextract_items,
}


def run_job(session: Session, queue, job_id: int) -> None:
    config = current_app.config
    kind = session.scalar(select(Job.kind).where(Job.id == job_id))
    session.commit()
    if kind not in HANDLERS:
        return  # gone, or a parent job that runs no code of its own
    limit = (FETCH_KINDS, config["FETCHES_PER_USER"]) if kind in FETCH_KINDS else None
    job = job_service.claim(session, job_id, config["JOB_LEASE_S"], running_limit=limit, worker=worker_name())
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
        job_service.requeue(session, session.get_one(Job, job_id), later.reason)
        queue.dispatch(job_id, delay=later.delay)
        return
    except Exception:
        log.exception("job %s (%s) failed", job_id, kind)
        session.rollback()
        job_service.finish(session, session.get_one(Job, job_id), error="Something went wrong while doing this job.")
        return
    job_service.finish(session, session.get_one(Job, job_id), outcome)
