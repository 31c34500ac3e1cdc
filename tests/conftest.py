"""Fixtures shared by every test: a migrated database (SQLite file, or a
PostgreSQL schema of its own when GLOSS_DATABASE_URL points at PostgreSQL),
each test in a rolled-back transaction, the app and API clients, and a real
server process for browser tests."""
from __future__ import annotations

import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from hypothesis import settings
from sqlalchemy import text

from server import create_app
from server.db import SessionFactory, db_session, make_engine, remove_session, upgrade
from server.services import auth as auth_service
from server.services import fetch
from tests.local_site import LocalSite

ROOT = Path(__file__).resolve().parent.parent

# In CI the property tests draw the same examples on every run (a red build names a change,
# never a lucky draw), and keep no example database; elsewhere each run explores anew.
settings.register_profile("ci", derandomize=True, database=None)
if os.environ.get("CI"):
    settings.load_profile("ci")
FIXTURES = ROOT / "tests" / "fixtures"
PASSWORD = "correct horse battery staple"


class Database:
    """A database of the configured kind that no other test run sees."""

    def __init__(self, tmp: Path, migrate: bool = True):
        base = os.environ.get("GLOSS_DATABASE_URL", "")
        self.schema = None
        if base.startswith("postgresql"):
            self.schema = f"gloss_test_{os.getpid()}_{secrets.token_hex(4)}"
            admin = make_engine(base)
            with admin.begin() as conn:
                conn.execute(text(f'CREATE SCHEMA "{self.schema}"'))
            admin.dispose()
            sep = "&" if "?" in base else "?"
            self.url = f"{base}{sep}options=-csearch_path%3D{self.schema}"
            self._admin_url = base
        else:
            self.url = f"sqlite:///{tmp / 'gloss.db'}"
        self.engine = make_engine(self.url)
        if migrate:
            upgrade(self.engine)

    @property
    def kind(self) -> str:
        return self.engine.dialect.name

    def drop(self) -> None:
        self.engine.dispose()
        if self.schema:
            admin = make_engine(self._admin_url)
            with admin.begin() as conn:
                conn.execute(text(f'DROP SCHEMA "{self.schema}" CASCADE'))
            admin.dispose()


@pytest.fixture(scope="session")
def database(tmp_path_factory):
    db = Database(tmp_path_factory.mktemp("db"))
    yield db
    db.drop()


@pytest.fixture(scope="session")
def app(database, tmp_path_factory):
    os.environ.setdefault("GLOSS_INSTANCE_DIR", str(tmp_path_factory.mktemp("instance")))
    return create_app({"SECRET_KEY": "test-secret", "DATABASE_URL": database.url,
                       "ENGINE": database.engine, "TESTING": True,
                       "QUEUE_URL": "memory://"})


@pytest.fixture()
def session(app, database):
    """The app's session, inside a transaction rolled back after the test."""
    conn = database.engine.connect()
    outer = conn.begin()
    SessionFactory.configure(bind=conn, join_transaction_mode="create_savepoint")
    remove_session()
    try:
        yield db_session
    finally:
        remove_session()
        outer.rollback()
        conn.close()
        SessionFactory.configure(bind=database.engine, join_transaction_mode="conditional_savepoint")


@pytest.fixture()
def client(app, session):
    return app.test_client()


class ApiUser:
    """An API client signed in with a Bearer token."""

    def __init__(self, client, user, token):
        self.client, self.user, self.token = client, user, token

    def headers(self, extra=None):
        return {"Authorization": f"Bearer {self.token}", **(extra or {})}

    def get(self, path, **kw):
        return self.client.get(path, headers=self.headers(kw.pop("headers", None)), **kw)

    def delete(self, path, **kw):
        return self.client.delete(path, headers=self.headers(kw.pop("headers", None)), **kw)

    def post(self, path, json=None, **kw):
        return self.client.post(path, json=json, headers=self.headers(kw.pop("headers", None)), **kw)

    def put(self, path, json=None, **kw):
        return self.client.put(path, json=json, headers=self.headers(kw.pop("headers", None)), **kw)

    def patch(self, path, json=None, **kw):
        return self.client.patch(path, json=json, headers=self.headers(kw.pop("headers", None)), **kw)

    def save(self, url, html, **kw):
        return self.post("/api/v1/pages", json={"url": url, "html": html, **kw})


@pytest.fixture()
def make_user(session, client):
    def make(name: str = "alice", password: str = PASSWORD) -> ApiUser:
        user = auth_service.create_user(session, name, password)
        token = auth_service.create_token(session, user)
        session.commit()
        return ApiUser(client, user, token)

    return make


@pytest.fixture()
def alice(make_user):
    return make_user("alice")


@pytest.fixture()
def bob(make_user):
    return make_user("bob")


@pytest.fixture()
def run_jobs(app):
    """Runs the jobs queued so far (and those they queue) in the test's thread."""
    queue = app.extensions["gloss.queue"]
    queue.huey.flush()

    def run() -> int:
        with app.app_context():
            return queue.run_pending()

    return run


@pytest.fixture(scope="session")
def seed_html() -> str:
    return (FIXTURES / "seed-article.html").read_text()


@pytest.fixture(scope="session")
def revised_html() -> str:
    return (FIXTURES / "seed-article.revised.html").read_text()


SEED_URL = "https://www.php.cn/faq/1796812345.html"


# ---- a real server process ---------------------------------------------------------

def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class LiveServer:
    """`gloss serve` in a subprocess on its own database; can be stopped and started again."""

    def __init__(self, tmp: Path, db: Database | None = None, workers: int = 1,
                 gloss: list[str] | None = None):
        """Its own new database, or `db` shared with other servers (which then own it).
        `gloss` is the command that runs Gloss (default: this checkout's `python -m server`)."""
        self.tmp = tmp
        self.gloss = gloss or [sys.executable, "-m", "server"]
        self.owns_db = db is None
        self.db = db or Database(tmp)
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.env = dict(os.environ, GLOSS_DATABASE_URL=self.db.url, GLOSS_PORT=str(self.port),
                        GLOSS_SECRET_KEY="live-test", GLOSS_INSTANCE_DIR=str(tmp), GLOSS_WORKERS=str(workers))
        self.proc: subprocess.Popen[bytes] | None = None
        self.log_path = tmp / "server.log"

    def start(self) -> None:
        with open(self.log_path, "a") as log:  # the child keeps its own copy of the descriptor
            self.proc = subprocess.Popen([*self.gloss, "serve"], env=self.env, cwd=self.tmp,
                                         stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        deadline = time.time() + 60
        while time.time() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError("gloss serve exited: " + self.log_path.read_text()[-2000:])
            try:
                urllib.request.urlopen(self.base + "/api/v1/server", timeout=2)
                return
            except (urllib.error.URLError, OSError):
                time.sleep(0.2)
        raise RuntimeError("gloss serve did not answer within 60 s")

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(15)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait()

    def create_user(self, name: str, password: str = PASSWORD) -> str:
        out = subprocess.run([*self.gloss, "user", "create", name], cwd=self.tmp,
                             env=dict(self.env, GLOSS_PASSWORD=password),
                             capture_output=True, text=True, check=True)
        return out.stdout.strip().splitlines()[-1]

    def close(self) -> None:
        self.stop()
        if self.owns_db:
            self.db.drop()


@pytest.fixture()
def live_server(tmp_path):
    server = LiveServer(tmp_path)
    server.start()
    yield server
    server.close()


@pytest.fixture()
def site():
    """A local web site (tests/local_site.py) the test fills with routes."""
    s = LocalSite()
    yield s
    s.close()


@pytest.fixture()
def loopback_allowed(app, monkeypatch):
    """The local test site is on 127.0.0.1, which Gloss refuses to fetch unless allowed."""
    monkeypatch.setitem(app.config, "FETCH_ALLOW_NETWORKS", fetch.parse_networks("127.0.0.1/32"))


def pytest_collection_modifyitems(config, items):
    """On PostgreSQL, tests marked `once` and the browser tests are left out: they are
    heavy and test nothing about the database, and CI runs `make test` on SQLite too."""
    if not os.environ.get("GLOSS_DATABASE_URL", "").startswith("postgresql"):
        return
    once = [item for item in items if runs_once(item)]
    if once:
        config.hook.pytest_deselected(items=once)
        items[:] = [item for item in items if not runs_once(item)]
        config.stash[ONCE_KEY] = len(once)


def runs_once(item) -> bool:
    """Marked `once`, or a browser test (tests/browser: the UI in Chromium and Firefox,
    over the same API whose database side every other test checks on both)."""
    return item.get_closest_marker("once") is not None or BROWSER_TESTS in item.path.parents


ONCE_KEY = pytest.StashKey[int]()
BROWSER_TESTS = Path(__file__).resolve().parent / "browser"


def pytest_terminal_summary(terminalreporter, config):
    left_out = config.stash.get(ONCE_KEY, 0)
    if left_out:
        terminalreporter.write_line(f"{left_out} tests marked `once` or in tests/browser ran on SQLite only "
                                    "(left out on PostgreSQL).")
