"""Job records: what a background job is to do, who owns it, how far it went, and
the lease of the worker running it.

The queue library (server/jobs/queue.py) only carries a job's id to a worker. A
worker `claim`s the job before working on it: one atomic UPDATE moves it from
queued (or from running with an expired lease) to running with a fresh lease, so a
job delivered twice runs once at a time, and a job whose worker was killed is taken
back once its lease expires (`expired_jobs`). Work that comes in items commits each
item together with the job's `done` count, so a job taken back resumes after the
last committed item and no item lands twice.

New jobs are handed to the queue after the transaction that made them commits
(`pending_dispatch`), so a worker never looks for a job that is not there yet.
"""
from __future__ import annotations

import json
from datetime import datetime, timedelta

from sqlalchemy import and_, func, or_, select, update
from sqlalchemy.orm import Session

from ..db import rowcount
from ..errors import NotFound
from ..models import Job, User, utcnow

QUEUED, RUNNING, DONE, FAILED = "queued", "running", "done", "failed"
CHUNK = 25  # units of a bulk job per child job: small enough to share, large enough to be cheap
RECENT = 20
FINISHED = (DONE, FAILED)
DISPATCH_KEY = "gloss.jobs_to_dispatch"


def create_job(session: Session, user_id: int, kind: str, payload: dict | None = None, *,
               parent_id: int | None = None, total: int = 0) -> Job:
    """A queued job, handed to the queue when the session commits."""
    job = _new_job(session, user_id, kind, payload, parent_id=parent_id, total=total, state=QUEUED)
    session.info.setdefault(DISPATCH_KEY, []).append(job.id)
    return job


def create_parent_job(session: Session, user_id: int, kind: str, payload: dict | None = None, *,
                      total: int = 0) -> Job:
    """A job done by its children (create_job(parent_id=...)): it runs no code of its own and
    is done when they all are; its progress and result gather theirs."""
    return _new_job(session, user_id, kind, payload, total=total, state=RUNNING)


def _new_job(session, user_id, kind, payload, *, parent_id=None, total=0, state=QUEUED) -> Job:
    now = utcnow()
    job = Job(user_id=user_id, kind=kind, state=state, payload=json.dumps(payload or {}), total=total,
              done=0, attempts=0, parent_id=parent_id, created_at=now, updated_at=now)
    session.add(job)
    session.flush()
    return job


def pending_dispatch(session: Session) -> list[int]:
    """The ids of jobs this session made since it last committed, forgotten once asked."""
    return session.info.pop(DISPATCH_KEY, [])


def forget_dispatch(session: Session) -> None:
    session.info.pop(DISPATCH_KEY, None)


def payload(job: Job) -> dict:
    return json.loads(job.payload or "{}")


def result(job: Job) -> dict | None:
    return json.loads(job.result) if job.result else None


def create_chunked(session: Session, user_id: int, kind: str, item_kind: str, units: list, *,
                   result: dict | None = None, chunk: int = CHUNK) -> Job:
    """A parent job over `units` (JSON values), split into children of `chunk` units each
    that workers share. `result`: what the parent knows already (added to its children's)."""
    parent = create_parent_job(session, user_id, kind, total=len(units))
    if result is not None:
        parent.result = json.dumps(result)
    for start in range(0, len(units), chunk):
        part = units[start:start + chunk]
        create_job(session, user_id, item_kind, {"units": part}, parent_id=parent.id, total=len(part))
    if not units:
        parent.state, parent.finished_at = DONE, utcnow()
    session.flush()
    return parent


def claim(session: Session, job_id: int, lease_s: int, *, running_limit: tuple[tuple[str, ...], int] | None = None,
          worker: str | None = None, now: datetime | None = None) -> Job | None:
    """Takes the job for this worker, or answers None when it is gone, finished, held by a
    live lease, or (with `running_limit` = (kinds, n)) its user already runs n jobs of those
    kinds. Commits."""
    now = now or utcnow()
    user_id = session.scalar(select(Job.user_id).where(Job.id == job_id))
    if user_id is None:
        session.commit()
        return None
    condition = and_(Job.id == job_id,
                     or_(Job.state == QUEUED, and_(Job.state == RUNNING, Job.lease_until < now)))
    if running_limit is not None:
        kinds, limit = running_limit
        other = Job.__table__.alias("other")
        running = (select(func.count()).select_from(other)
                   .where(other.c.user_id == user_id, other.c.kind.in_(kinds), other.c.state == RUNNING,
                          other.c.lease_until >= now, other.c.id != job_id)
                   .scalar_subquery())
        condition = and_(condition, running < limit)
    taken = rowcount(session.execute(
        update(Job).where(condition)
        .values(state=RUNNING, lease_until=now + timedelta(seconds=lease_s), attempts=Job.attempts + 1,
                worker=worker, updated_at=now)
        .execution_options(synchronize_session=False)))
    session.commit()
    if not taken:
        return None
    return session.get(Job, job_id, populate_existing=True)


def is_waiting(session: Session, job_id: int) -> bool:
    """Whether the job is still to be run (queued, or running under a lease that may expire)."""
    return session.scalar(select(Job.state).where(Job.id == job_id)) in (QUEUED, RUNNING)


def renew(job: Job, lease_s: int) -> None:
    """Keeps the lease while working (call inside the transaction of each item)."""
    job.lease_until = utcnow() + timedelta(seconds=lease_s)
    job.updated_at = utcnow()


def requeue(session: Session, job: Job, error: str | None = None) -> None:
    """Gives the job back to the queue (to be tried again later). Commits."""
    job.state, job.lease_until, job.error, job.updated_at = QUEUED, None, error, utcnow()
    session.commit()


def finish(session: Session, job: Job, outcome: dict | None = None, *, error: str | None = None) -> None:
    """Done (or failed, with `error`), and the parent's progress brought up to date. Commits."""
    now = utcnow()
    job.state = FAILED if error else DONE
    job.error, job.lease_until, job.finished_at, job.updated_at = error, None, now, now
    if outcome is not None:
        job.result = json.dumps(outcome)
    if job.total and not error:
        job.done = job.total
    session.flush()
    if job.parent_id is not None:
        _update_parent(session, job.parent_id)
    session.commit()


def _update_parent(session: Session, parent_id: int) -> None:
    """A parent is done when all its children are; its result sums theirs."""
    parent = session.get_one(Job, parent_id, with_for_update=session.get_bind().dialect.name == "postgresql")
    if parent.state in FINISHED:
        return
    children = list(session.scalars(select(Job).where(Job.parent_id == parent_id)))
    parent.done = sum(c.done for c in children)
    parent.updated_at = utcnow()
    if all(c.state in FINISHED for c in children):
        parent.state = DONE
        parent.finished_at = utcnow()
        outcome = result(parent) or {}
        for child in children:
            outcome = add_counts(outcome, result(child) or {})
        if any(c.state == FAILED for c in children):
            failure = next(c.error or "" for c in children if c.state == FAILED)
            parent.error = "Some of this job's work failed: " + failure
        parent.result = json.dumps(outcome)


MAX_LISTED = 200


def add_counts(total: dict, part: dict) -> dict:
    """Adds a unit's (or a child's) counts to a job's result: numbers add up, lists (reasons
    something was skipped) are joined up to MAX_LISTED entries."""
    total = dict(total)
    for key, value in part.items():
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            total[key] = total.get(key, 0) + value
        elif isinstance(value, list):
            total[key] = ((total.get(key) or []) + value)[:MAX_LISTED]
        else:
            total.setdefault(key, value)
    return total


def refresh_progress(session: Session, job: Job) -> None:
    """A parent's `done` counts its children's committed items."""
    if job.parent_id is None and job.state not in FINISHED:
        count = session.scalar(select(func.coalesce(func.sum(Job.done), 0)).where(Job.parent_id == job.id))
        if count:
            job.done = count


def get_job(session: Session, user: User, job_id: int) -> Job:
    job = session.scalar(select(Job).where(Job.id == job_id, Job.user_id == user.id, Job.parent_id.is_(None)))
    if job is None:
        raise NotFound("No such job.")
    refresh_progress(session, job)
    return job


def recent_jobs(session: Session, user: User) -> list[Job]:
    jobs = list(session.scalars(select(Job).where(Job.user_id == user.id, Job.parent_id.is_(None))
                                .order_by(Job.id.desc()).limit(RECENT)))
    for job in jobs:
        refresh_progress(session, job)
    return jobs


def takeable_children(session: Session, parent_id: int) -> list[int]:
    """A parent's items not being worked on: queued, or held by a lease that expired."""
    now = utcnow()
    return list(session.scalars(select(Job.id).where(
        Job.parent_id == parent_id,
        or_(Job.state == QUEUED, and_(Job.state == RUNNING, Job.lease_until < now))).order_by(Job.id)))


def expired_jobs(session: Session, *, now: datetime | None = None, limit: int = 500) -> list[int]:
    """Running jobs whose worker stopped renewing its lease: to be run again."""
    now = now or utcnow()
    return list(session.scalars(select(Job.id).where(Job.state == RUNNING, Job.lease_until < now)
                                .order_by(Job.id).limit(limit)))


def queued_jobs(session: Session, *, older_than_s: float = 0, limit: int = 5000) -> list[int]:
    """Queued jobs (that the queue may have lost, when it holds nothing)."""
    cutoff = utcnow() - timedelta(seconds=older_than_s)
    return list(session.scalars(select(Job.id).where(Job.state == QUEUED, Job.updated_at <= cutoff)
                                .order_by(Job.id).limit(limit)))
