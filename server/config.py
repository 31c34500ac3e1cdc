"""Settings read from the environment (GLOSS_*), with defaults for one person on SQLite.

This is the one module that reads the environment: the app's settings come from
`from_environment`, the command line's defaults from `serve_settings` and
`password_from_environment`.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

DEFAULT_MAX_PAGE_BYTES = 15 * 1024 * 1024
# Extraction's work grows with a page's markup: past this many tags ("<", about two per
# element) a page is refused before it is parsed, so one save cannot hold a worker for
# minutes and hundreds of MiB. Long real articles have a few tens of thousands.
DEFAULT_MAX_PAGE_TAGS = 200_000
DEFAULT_MAX_IMAGE_BYTES = 5 * 1024 * 1024
DEFAULT_IMAGE_CACHE_BYTES = 1024 * 1024 * 1024
# A page left "fetching" this long (no worker ran its job) becomes a link with a fetch_error.
DEFAULT_FETCH_STALE_S = 15 * 60
# Import files (exports of Gloss, Omnivore, Hypothesis, Pocket) are streamed to a
# temporary file; a whole library with its articles fits well under this.
DEFAULT_MAX_IMPORT_BYTES = 512 * 1024 * 1024
# glibc gives each thread that allocates its own arena (up to 8 per core), and memory
# freed in one is not reused by another: many connection threads would grow a worker's
# memory for nothing. Two arenas keep it flat; MALLOC_ARENA_MAX, when set, wins.
DEFAULT_MALLOC_ARENAS = 2
# glibc maps blocks of 128 KiB and more on their own and unmaps them when freed, but each
# time one is freed it raises that threshold to its size (up to 32 MiB): a page's large
# strings and buffers then come from the heap, which fragments and grows as pages of new
# sizes arrive (after warm-up, two workers grew from 351 to 382 MiB in two minutes of
# `bench/load.py --mixed` on PostgreSQL; with the threshold fixed they stayed at 347-352 MiB).
# A fixed threshold keeps them mapped; MALLOC_MMAP_THRESHOLD_, when set, wins.
DEFAULT_MALLOC_MMAP_THRESHOLD = 128 * 1024
# A worker is replaced (gracefully, the others serving meanwhile) after about this many
# requests: whatever a huge page left fragmented in its heap is given back for good.
DEFAULT_MAX_REQUESTS = 5000


def instance_dir() -> Path:
    return Path(os.environ.get("GLOSS_INSTANCE_DIR", Path.cwd() / "instance"))


def default_database_url() -> str:
    return f"sqlite:///{instance_dir() / 'gloss.db'}"


def _secret_key() -> str:
    """An explicit key wins; otherwise one is generated once and kept in instance/."""
    key = os.environ.get("GLOSS_SECRET_KEY")
    if key:
        return key
    path = instance_dir() / "secret_key"
    if not path.exists():
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        tmp = path.with_name(f".secret_key.{os.getpid()}")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w") as f:
            f.write(os.urandom(32).hex())
        try:  # a link appears whole or not at all: concurrent workers agree on one key
            os.link(tmp, path)
        except FileExistsError:
            pass
        finally:
            tmp.unlink()
    return path.read_text().strip()


def default_queue_url() -> str:
    return f"sqlite:///{instance_dir() / 'queue.db'}"


def from_environment(*, with_secret: bool = True) -> dict:
    from .scheduling import NEW_PER_DAY
    from .services.fetch import parse_networks

    env = os.environ
    return {
        **({"SECRET_KEY": _secret_key()} if with_secret else {}),
        "DATABASE_URL": env.get("GLOSS_DATABASE_URL") or default_database_url(),
        "MAX_PAGE_BYTES": int(env.get("GLOSS_MAX_PAGE_BYTES", DEFAULT_MAX_PAGE_BYTES)),
        # Largest article image the reader fetches (server/services/images.py).
        "MAX_IMAGE_BYTES": int(env.get("GLOSS_MAX_IMAGE_BYTES", DEFAULT_MAX_IMAGE_BYTES)),
        # Bytes of images the reader's image cache keeps; the least recently used go first.
        "IMAGE_CACHE_BYTES": int(env.get("GLOSS_IMAGE_CACHE_BYTES", DEFAULT_IMAGE_CACHE_BYTES)),
        "MAX_PAGE_TAGS": int(env.get("GLOSS_MAX_PAGE_TAGS", DEFAULT_MAX_PAGE_TAGS)),
        "MAX_IMPORT_BYTES": int(env.get("GLOSS_MAX_IMPORT_BYTES", DEFAULT_MAX_IMPORT_BYTES)),
        # Failed sign-ins allowed per username and per client address in the window.
        "LOGIN_MAX_FAILURES": int(env.get("GLOSS_LOGIN_MAX_FAILURES", 5)),
        "LOGIN_FAILURE_WINDOW_S": int(env.get("GLOSS_LOGIN_FAILURE_WINDOW_S", 300)),
        # Networks that fetched links may reach although they are not public (CIDRs).
        "FETCH_ALLOW_NETWORKS": parse_networks(env.get("GLOSS_FETCH_ALLOW_NETWORKS", "")),
        "FETCH_CONNECT_TIMEOUT_S": float(env.get("GLOSS_FETCH_CONNECT_TIMEOUT_S", 10)),
        "FETCH_TIMEOUT_S": float(env.get("GLOSS_FETCH_TIMEOUT_S", 30)),
        "FETCH_STALE_S": int(env.get("GLOSS_FETCH_STALE_S", DEFAULT_FETCH_STALE_S)),
        # Fetch jobs of one user running at the same time, across all workers.
        "FETCHES_PER_USER": int(env.get("GLOSS_FETCHES_PER_USER", 3)),
        # The job queue: sqlite:///path (embedded, the default) or redis://host:port/db.
        "QUEUE_URL": env.get("GLOSS_QUEUE_URL") or default_queue_url(),
        # Several Gloss installations may share one Redis under different names.
        "QUEUE_NAME": env.get("GLOSS_QUEUE_NAME") or "gloss",
        # A running job not heard from this long is taken back by another worker.
        "JOB_LEASE_S": int(env.get("GLOSS_JOB_LEASE_S", 60)),
        # Books (EPUB) for e-readers: at most this many pages in one, images within these sizes.
        "MAX_BOOK_PAGES": int(env.get("GLOSS_MAX_BOOK_PAGES", 100)),
        "MAX_BOOK_IMAGE_BYTES": int(env.get("GLOSS_MAX_BOOK_IMAGE_BYTES", 5 * 1024 * 1024)),
        "MAX_BOOK_IMAGES_BYTES": int(env.get("GLOSS_MAX_BOOK_IMAGES_BYTES", 60 * 1024 * 1024)),
        # Never reviewed highlights that may enter the daily review on one day.
        "REVIEW_NEW_PER_DAY": int(env.get("GLOSS_REVIEW_NEW_PER_DAY", NEW_PER_DAY)),
        # FSRS spreads due dates a little so that highlights answered together do not all
        # come back on the same day; 0 turns it off (exact dates, for tests).
        "REVIEW_FUZZ": env.get("GLOSS_REVIEW_FUZZ", "1") != "0",
        # Testing only: the app's clock (an ISO 8601 moment), read by server.clock.
        **({"TESTING": True, "NOW": env.get("GLOSS_NOW")} if env.get("GLOSS_TESTING") == "1" else {}),
        "SESSION_COOKIE_SECURE": env.get("GLOSS_SECURE_COOKIES", "0") == "1",
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "PERMANENT_SESSION_LIFETIME": 30 * 24 * 3600,
    }


@dataclass(frozen=True)
class ServeSettings:
    """How `gloss serve` and `gloss worker` run (the defaults of their options)."""

    host: str
    port: int
    workers: int
    threads: int  # requests per worker running the app at once
    client_threads: int  # connections per worker read at once
    job_worker: bool  # `gloss serve` also runs a job worker
    control_socket: str | None
    worker_threads: int  # jobs one `gloss worker` runs at once
    max_requests: int  # a worker is replaced after about this many (0: never)
    request_buffer_bytes: int | None  # None: from MAX_PAGE_BYTES (see wsgi_server.py)


def serve_settings() -> ServeSettings:
    env = os.environ
    buffer = env.get("GLOSS_REQUEST_BUFFER_BYTES")
    return ServeSettings(
        host=env.get("GLOSS_HOST", "127.0.0.1"),
        port=int(env.get("GLOSS_PORT", 5000)),
        workers=int(env.get("GLOSS_WORKERS", 2)),
        threads=int(env.get("GLOSS_THREADS", 1)),
        client_threads=int(env.get("GLOSS_CLIENT_THREADS", 32)),
        job_worker=env.get("GLOSS_SERVE_JOB_WORKER", "1") == "1",
        control_socket=env.get("GLOSS_CONTROL_SOCKET") or None,
        worker_threads=int(env.get("GLOSS_WORKER_THREADS", 2)),
        max_requests=int(env.get("GLOSS_MAX_REQUESTS", DEFAULT_MAX_REQUESTS)),
        request_buffer_bytes=int(buffer) if buffer else None,
    )


def password_from_environment() -> str | None:
    """`gloss user create` and `gloss user password` take the password from GLOSS_PASSWORD."""
    return os.environ.get("GLOSS_PASSWORD")


def malloc_arena_max() -> int:
    """glibc's arena cap for this process, and (written into the environment, unless set)
    for the processes it starts, such as the job worker."""
    os.environ.setdefault("MALLOC_ARENA_MAX", str(DEFAULT_MALLOC_ARENAS))
    return int(os.environ["MALLOC_ARENA_MAX"])


def malloc_mmap_threshold() -> int:
    """glibc's fixed mmap threshold for this process, and (written into the environment,
    unless set) for the processes it starts."""
    os.environ.setdefault("MALLOC_MMAP_THRESHOLD_", str(DEFAULT_MALLOC_MMAP_THRESHOLD))
    return int(os.environ["MALLOC_MMAP_THRESHOLD_"])
