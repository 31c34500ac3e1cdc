"""The worker: Huey's consumer running Gloss's jobs in threads, and a recovery loop
that takes back jobs whose worker died (their lease expired) — `gloss worker`, and
the worker `gloss serve` starts beside the app."""
from __future__ import annotations

import logging
import subprocess
import sys
import time

from .queue import Recovery

DEFAULT_THREADS = 2


def run_worker(app, threads: int = DEFAULT_THREADS) -> None:
    """Runs jobs until SIGINT or SIGTERM (blocks; call from the main thread)."""
    logging.basicConfig(level=logging.INFO, format="%(asctime)s [%(process)d] %(levelname)s %(name)s: %(message)s")
    queue = app.extensions["gloss.queue"]
    recovery = Recovery(queue, interval=max(1.0, app.config["JOB_LEASE_S"] / 3))
    recovery.start()
    try:
        queue.consumer(threads).run()
    finally:
        recovery.stopping.set()


def start_worker_process(threads: int = DEFAULT_THREADS) -> subprocess.Popen:
    """`gloss worker` in a child process with the same settings (for `gloss serve`)."""
    return subprocess.Popen([sys.executable, "-m", "server", "worker", "--threads", str(threads)])


def work_on(app, job_id: int, progress=None, poll_s: float = 0.3):
    """Runs the job's items here until it is finished (workers elsewhere may take some of
    them: each item job is claimed before it runs). `progress(done)` hears how far it went.
    Answers the finished job."""
    from ..db import db_session
    from ..models import Job
    from ..services import jobs as job_service
    from .tasks import run_job

    queue = app.extensions["gloss.queue"]
    while True:
        job = db_session.get_one(Job, job_id, populate_existing=True)
        job_service.refresh_progress(db_session, job)
        if progress is not None:
            progress(job.done)
        if job.state in job_service.FINISHED:
            db_session.commit()
            return job
        takeable = job_service.takeable_children(db_session, job_id)
        db_session.commit()
        for child_id in takeable:
            run_job(db_session, queue, child_id)
        if not takeable:
            time.sleep(poll_s)
