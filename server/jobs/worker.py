"""The worker: Huey's consumer running Gloss's jobs in threads, and a recovery loop
that takes back jobs whose worker died (their lease expired) — `gloss worker`, and
the worker `gloss serve` starts beside the app."""
from __future__ import annotations

import subprocess
import sys

from .queue import Recovery

DEFAULT_THREADS = 2


def run_worker(app, threads: int = DEFAULT_THREADS) -> None:
    """Runs jobs until SIGINT or SIGTERM (blocks; call from the main thread)."""
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
