"""The job queue: one adapter over Huey.

`GLOSS_QUEUE_URL` picks the backend: `sqlite:///path` (the default, a file under
instance/: no other service needed, `gloss serve` runs a worker beside the app) or
`redis://host:port/db` (a team runs `gloss worker` on as many machines as it likes).
`memory://` keeps the queue in the process (tests run the jobs by hand).

Huey carries only job ids. Huey removes a message from the queue when a worker takes
it, so a worker killed mid-job would lose it: the job records in Gloss's database
(services/jobs.py) hold a lease, and every worker takes back the jobs whose lease
expired (`JobQueue.recover`). Retries with backoff are Huey's scheduled tasks.
"""
from __future__ import annotations

import logging
import threading
from datetime import datetime
from pathlib import Path

from flask import current_app, has_app_context
from huey import MemoryHuey, RedisHuey, SqliteHuey
from sqlalchemy import event

from ..db import SessionFactory, db_session, remove_session
from ..services import jobs as job_service

log = logging.getLogger(__name__)


def make_huey(url: str, name: str = "gloss"):
    if url.startswith(("redis://", "rediss://", "unix://")):
        return RedisHuey(name, url=url, results=False)
    if url.startswith("sqlite:///"):
        path = Path(url[len("sqlite:///"):])
        path.parent.mkdir(parents=True, exist_ok=True)
        return SqliteHuey(name, filename=str(path), results=False)
    if url == "memory://":
        return MemoryHuey(name, results=False)
    raise ValueError(f"GLOSS_QUEUE_URL must be sqlite:///path, redis://host:port/db or memory://, not {url!r}")


class JobQueue:
    def __init__(self, app, url: str, name: str = "gloss"):
        self.app = app
        self.url = url
        self.huey = make_huey(url, name)
        self._run_task = self.huey.task(name="gloss.run_job")(self._run)

    @property
    def embedded(self) -> bool:
        return not self.url.startswith(("redis://", "rediss://", "unix://"))

    def dispatch(self, job_id: int, delay: float | None = None) -> None:
        """Hands the job to a worker (after `delay` seconds)."""
        if delay:
            self._run_task.schedule((job_id,), delay=delay)
        else:
            self._run_task(job_id)

    def _run(self, job_id: int) -> None:
        from .tasks import run_job

        with self.app.app_context():
            try:
                run_job(db_session, self, job_id)
            finally:
                remove_session()

    def recover(self) -> int:
        """Dispatches again the jobs a dead worker held (lease expired) and, when the queue
        holds nothing, jobs still queued in the database (lost between commit and dispatch)."""
        with self.app.app_context():
            try:
                ids = job_service.expired_jobs(db_session)
                if not self.huey.pending_count() and not self.huey.scheduled_count():
                    ids += job_service.queued_jobs(db_session, older_than_s=1)
                db_session.commit()
            finally:
                remove_session()
        for job_id in ids:
            self.dispatch(job_id)
        return len(ids)

    def run_pending(self, limit: int = 10_000) -> int:
        """Runs what the queue holds in this thread until it is empty, scheduled retries at
        once (the `memory://` queue of the tests). Answers how many tasks ran."""
        far = datetime(9999, 1, 1)
        ran = 0
        while ran < limit:
            task = self.huey.dequeue()
            tasks = [task] if task is not None else self.huey.read_schedule(far)
            if not tasks:
                break
            for task in tasks:
                self.huey.execute(task, timestamp=far)
                ran += 1
        return ran

    def consumer(self, workers: int):
        return self.huey.create_consumer(workers=workers, worker_type="thread", periodic=False,
                                         check_worker_health=True)


class Recovery(threading.Thread):
    """Takes back jobs of dead workers every `interval` seconds, beside the consumer."""

    def __init__(self, queue: JobQueue, interval: float):
        super().__init__(name="gloss-job-recovery", daemon=True)
        self.queue, self.interval = queue, interval
        self.stopping = threading.Event()

    def run(self) -> None:
        while not self.stopping.is_set():
            try:
                taken = self.queue.recover()
                if taken:
                    log.info("took back %d job(s)", taken)
            except Exception:  # the database or queue may be briefly away; try again next round
                log.exception("job recovery failed")
            self.stopping.wait(self.interval)


@event.listens_for(SessionFactory, "after_commit")
def _dispatch_new_jobs(session) -> None:
    ids = job_service.pending_dispatch(session)
    if ids and has_app_context():
        queue = current_app.extensions.get("gloss.queue")
        if queue is not None:
            for job_id in ids:
                queue.dispatch(job_id)


@event.listens_for(SessionFactory, "after_rollback")
def _forget_new_jobs(session) -> None:
    job_service.forget_dispatch(session)
