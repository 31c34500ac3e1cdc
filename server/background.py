"""A small per-process thread pool for work that releases the GIL and calls back into
no Python code (zstd compression): it runs beside the request's own thread instead
of after it.

The pool is made on first use in each process, so a worker forked from a parent that
already used it gets its own threads."""
from __future__ import annotations

import os
import threading
from concurrent.futures import Future, ThreadPoolExecutor

THREADS = 2

_pool: tuple[int, ThreadPoolExecutor] | None = None
_lock = threading.Lock()


def submit(function, *args) -> Future:
    """Runs function(*args) on this process's pool."""
    global _pool
    pool = _pool
    if pool is None or pool[0] != os.getpid():
        with _lock:
            if _pool is None or _pool[0] != os.getpid():
                _pool = (os.getpid(), ThreadPoolExecutor(max_workers=THREADS, thread_name_prefix="gloss-bg"))
            pool = _pool
    return pool[1].submit(function, *args)
