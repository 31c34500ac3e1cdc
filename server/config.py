"""Settings read from the environment (GLOSS_*), with defaults for one person on SQLite."""
from __future__ import annotations

import os
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
        # Testing only: the app's clock (an ISO 8601 moment), read by server.api.clock.
        **({"TESTING": True, "NOW": env.get("GLOSS_NOW")} if env.get("GLOSS_TESTING") == "1" else {}),
        "SESSION_COOKIE_SECURE": env.get("GLOSS_SECURE_COOKIES", "0") == "1",
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "PERMANENT_SESSION_LIFETIME": 30 * 24 * 3600,
    }
