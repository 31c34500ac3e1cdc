"""Two `gloss worker` processes share a 500-item import on each queue backend (the
embedded SQLite queue, and Redis at 127.0.0.1:6379); one is killed with SIGKILL in
the middle of a chunk, the other takes that chunk back when its lease expires, and
every item lands exactly once."""
from __future__ import annotations

import os
import re
import secrets
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Sequence
from typing import Any

import pytest
from sqlalchemy import create_engine, text

from server.jobs.queue import make_huey
from tests.conftest import PASSWORD, Database

ITEMS = 500
REDIS = ("127.0.0.1", 6379)


def redis_running() -> bool:
    try:
        with socket.create_connection(REDIS, timeout=1) as conn:
            conn.sendall(b"PING\r\n")
            return conn.recv(16).startswith(b"+PONG")
    except OSError:
        return False


def pocket_csv(path) -> None:
    rows = ["title,url,time_added,tags,status"]
    rows += [f"Item {n},https://example.org/items/{n},{1700000000 + n},shared|n{n % 7},unread"
             for n in range(ITEMS)]
    path.write_text("\n".join(rows) + "\n")


def gloss(env, *args, **kw) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "server", *args], env=env, capture_output=True, text=True,
                          timeout=120, check=True, **kw)


@pytest.mark.parametrize("backend", ["embedded", "redis"])
def test_two_workers_share_an_import_and_a_killed_one_loses_nothing(tmp_path, backend):
    if backend == "redis" and not redis_running():
        if os.environ.get("CI"):
            pytest.fail("Redis is not running at 127.0.0.1:6379 (.ci/run starts it)")
        pytest.skip("Redis is not running at 127.0.0.1:6379")
    db = Database(tmp_path)
    name = f"gloss-test-{secrets.token_hex(4)}"
    queue_url = "redis://127.0.0.1:6379/0" if backend == "redis" else f"sqlite:///{tmp_path / 'queue.db'}"
    env = dict(os.environ, GLOSS_DATABASE_URL=db.url, GLOSS_INSTANCE_DIR=str(tmp_path), GLOSS_SECRET_KEY="w",
               GLOSS_QUEUE_URL=queue_url, GLOSS_QUEUE_NAME=name, GLOSS_JOB_LEASE_S="3", GLOSS_PASSWORD=PASSWORD)
    reader = create_engine(db.url)  # plain reads beside the workers
    workers: list[subprocess.Popen] = []
    try:
        gloss(env, "user", "create", "alice")
        export = tmp_path / "pocket.csv"
        pocket_csv(export)
        queued = gloss(env, "import", str(export), "--user", "alice", "--no-wait").stdout
        hit = re.search(r"job (\d+)", queued)
        assert hit is not None
        job_id = int(hit.group(1))
        for n in range(2):
            with open(tmp_path / f"worker{n}.log", "w") as log:
                workers.append(subprocess.Popen([sys.executable, "-m", "server", "worker", "--threads", "2"],
                                                env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True))

        def query(sql, **params):
            with reader.connect() as conn:
                return conn.execute(text(sql), params).all()

        def holder(worker_column: str | None) -> subprocess.Popen | None:
            return next((w for w in workers if f":{w.pid}:" in (worker_column or "")), None)

        # Kill a worker while it holds a chunk it has claimed and not finished (started on,
        # or about to start: its lease is what must be taken back either way). Whichever
        # worker claims first is the one killed: which one the queue hands work to first
        # is up to the queue.
        deadline = time.monotonic() + 90
        held: Sequence[Any] = []
        victim = None
        while victim is None and time.monotonic() < deadline:
            held = query("SELECT id, done, worker FROM jobs WHERE parent_id = :p AND state = 'running' "
                         "AND done < total", p=job_id)
            victim = next((w for w in (holder(row[2]) for row in held) if w is not None), None)
            time.sleep(0.005)
        logs = "".join((tmp_path / f"worker{n}.log").read_text() for n in range(2))
        assert victim is not None, "no worker ever held a chunk: " + logs
        held = [row for row in held if holder(row[2]) is victim]
        survivor = next(w for w in workers if w is not victim)
        os.killpg(victim.pid, signal.SIGKILL)
        victim.wait(10)
        chunk_id = held[0][0]

        while time.monotonic() < deadline:
            (state,), = query("SELECT state FROM jobs WHERE id = :p", p=job_id)
            if state == "done":
                break
            time.sleep(0.2)
        log = tmp_path / f"worker{workers.index(survivor)}.log"
        assert state == "done", log.read_text()[-3000:]

        (pages, distinct), = query("SELECT count(*), count(DISTINCT url) FROM pages")
        assert pages == distinct == ITEMS
        (tagged,), = query("SELECT count(*) FROM page_tags")
        assert tagged == 2 * ITEMS
        (attempts, worker, done), = query("SELECT attempts, worker, done FROM jobs WHERE id = :c", c=chunk_id)
        assert attempts >= 2 and f":{victim.pid}:" not in worker and done == 25  # taken back, finished
        (done, total, result), = query("SELECT done, total, result FROM jobs WHERE id = :p", p=job_id)
        assert done == total == ITEMS
        assert '"pages_created": 500' in result
    finally:
        for proc in workers:
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGTERM)
                try:
                    proc.wait(15)
                except subprocess.TimeoutExpired:
                    os.killpg(proc.pid, signal.SIGKILL)
                    proc.wait()
        reader.dispose()
        if backend == "redis":
            make_huey(queue_url, name).flush()
        db.drop()
