"""Load benchmark: concurrent clients saving and reading pages on a real server.

Starts `python -m server serve` (gunicorn, GLOSS_WORKERS=2) on a fresh
PostgreSQL schema (GLOSS_DATABASE_URL, else the local test database), signs
up a user, then runs --clients concurrent clients on loopback for --seconds:
each saves one of the 181 benchmark pages (under a URL of its own, so every
save is a new page) and reads it back. Prints pages saved per second, p50/p99
latencies and errors, and compares the rate with two bare trafilatura
processes extracting the same pages for --baseline-seconds: with exactly
Gloss's settings (`bare_extraction(..., **TRAFILATURA_SETTINGS)`, metadata,
links, images and formatting included: the same bare call bench/save_page.py
measures), the target's reference, run before and after the load and averaged;
then with trafilatura's defaults (`trafilatura.extract`, plain text, no
metadata), printed beside it.

Then the same clients save links (`POST /api/v1/pages` with only a `url`) to the
same pages served from 127.0.0.1 (allowed with GLOSS_FETCH_ALLOW_NETWORKS) for
--links-seconds: each answer is a 202, and the job worker that `gloss serve` runs
(plus --job-workers more `gloss worker` processes) fetches and saves them. Prints
links saved per second (from the first request to the last article stored) beside
the browser saves per second.

The clients are kept cheap: each page's JSON body is encoded before the clock
starts (only the URL changes per save) and the saved page's id is read from
the start of the answer rather than by decoding the whole page.

    python bench/load.py [--clients 4 --seconds 60 --links-seconds 30 --job-workers 1] [--data DIR]

With --mixed, instead: 20 clients saving, reading, listing, searching and highlighting
on SQLite and then on PostgreSQL, p50/p99 and workers' memory side by side (see
bench/load_mixed.py).

    python bench/load.py --mixed [--clients 20 --users 4 --seconds 60]
"""
from __future__ import annotations

import argparse
import http.client
import itertools
import json
import multiprocessing
import os
import re
import secrets
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import text  # noqa: E402

from bench.common import REPO_ROOT, add_data_option, data_dir, load_aeb_pages, use_data  # noqa: E402
from server.db import make_engine  # noqa: E402
from server.extraction import TRAFILATURA_SETTINGS  # noqa: E402

DEFAULT_DB = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
PASSWORD = "load-bench-password"
MAX_REQUESTS_PER_CLIENT = 100_000  # a bound on every loop, whatever the clock says
LEADING_ID_RE = re.compile(rb'^\{"id":\s*(\d+)[,}]')


@dataclass
class ClientStats:
    saves: list[float] = field(default_factory=list)
    reads: list[float] = field(default_factory=list)
    no_article: int = 0
    errors: list[str] = field(default_factory=list)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def pct(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(round(q * (len(values) - 1))))] if values else float("nan")


# ---- the server ---------------------------------------------------------------------

class Server:
    """`gloss serve` on a fresh PostgreSQL schema of `base_url`, or (base_url None) on a
    fresh SQLite file."""

    def __init__(self, base_url: str | None, workers: int, job_workers: int = 0):
        self.schema = f"bench_load_{os.getpid()}_{secrets.token_hex(3)}" if base_url else None
        self.base_url = base_url
        self.tmp = tempfile.TemporaryDirectory(prefix="gloss-load-")
        if base_url:
            admin = make_engine(base_url)
            with admin.begin() as conn:
                conn.execute(text(f'CREATE SCHEMA "{self.schema}"'))
            admin.dispose()
            sep = "&" if "?" in base_url else "?"
            database_url = f"{base_url}{sep}options=-csearch_path%3D{self.schema}"
        else:
            database_url = f"sqlite:///{Path(self.tmp.name) / 'gloss.db'}"
        self.port = free_port()
        self.env = dict(os.environ, GLOSS_DATABASE_URL=database_url,
                        GLOSS_PORT=str(self.port), GLOSS_WORKERS=str(workers), GLOSS_SECRET_KEY="load-bench",
                        GLOSS_INSTANCE_DIR=self.tmp.name, GLOSS_PASSWORD=PASSWORD,
                        GLOSS_FETCH_ALLOW_NETWORKS="127.0.0.1/32", GLOSS_FETCHES_PER_USER="64")
        self.job_workers = job_workers
        self.workers: list[subprocess.Popen] = []
        self.proc: subprocess.Popen | None = None
        self.log = Path(self.tmp.name) / "server.log"

    @property
    def backend(self) -> str:
        return "PostgreSQL" if self.base_url else "SQLite"

    def create_user(self, name: str) -> str:
        """A new user; answers its API token."""
        out = subprocess.run([sys.executable, "-m", "server", "user", "create", name], env=self.env,
                             capture_output=True, text=True, check=True, cwd=REPO_ROOT)
        return out.stdout.strip().splitlines()[-1]

    def start(self) -> str:
        """Starts the server and answers a new user's API token."""
        token = self.create_user("loadbench")
        self.proc = subprocess.Popen([sys.executable, "-m", "server", "serve"], env=self.env, cwd=REPO_ROOT,
                                     stdout=open(self.log, "w"), stderr=subprocess.STDOUT,  # noqa: SIM115 (the server keeps it)
                                     start_new_session=True)
        for n in range(self.job_workers):
            self.workers.append(subprocess.Popen(
                [sys.executable, "-m", "server", "worker"], env=self.env, cwd=REPO_ROOT,
                stdout=open(Path(self.tmp.name) / f"worker{n}.log", "w"),  # noqa: SIM115 (the worker keeps it)
                stderr=subprocess.STDOUT, start_new_session=True))
        deadline = time.time() + 60
        while time.time() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError("the server exited: " + self.log.read_text()[-2000:])
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{self.port}/api/v1/server", timeout=2)
                return token
            except (urllib.error.URLError, OSError):
                time.sleep(0.2)
        raise RuntimeError("the server did not answer within 60 s")

    def page_states(self) -> dict[str, int]:
        engine = make_engine(self.env["GLOSS_DATABASE_URL"])
        try:
            with engine.connect() as conn:
                return dict(conn.execute(text("SELECT state, count(*) FROM pages GROUP BY state")).all())
        finally:
            engine.dispose()

    def close(self) -> None:
        for proc in [self.proc, *self.workers]:
            if proc and proc.poll() is None:
                os.killpg(proc.pid, signal.SIGTERM)
                try:
                    proc.wait(20)
                except subprocess.TimeoutExpired:
                    os.killpg(proc.pid, signal.SIGKILL)
                    proc.wait()
        if self.schema and self.base_url:
            admin = make_engine(self.base_url)
            with admin.begin() as conn:
                conn.execute(text(f'DROP SCHEMA "{self.schema}" CASCADE'))
            admin.dispose()
        self.tmp.cleanup()

    def app_worker_pids(self) -> list[int]:
        """gunicorn's workers: the children of `gloss serve` that serve (not its job worker)."""
        assert self.proc is not None, "the server is not started"
        pids = []
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit():
                continue
            try:
                stat = (entry / "stat").read_text()
                ppid = int(stat.rsplit(")", 1)[1].split()[1])
                # Forked workers keep `gloss serve`'s command line; the job worker's is `... worker`.
                if ppid == self.proc.pid and b"serve" in (entry / "cmdline").read_bytes().split(b"\0"):
                    pids.append(int(entry.name))
            except (OSError, ValueError, IndexError):
                continue
        return pids


# ---- the clients --------------------------------------------------------------------

def prepare_bodies(pages) -> list[tuple[str, str, bytes]]:
    """Per page: the host and path its URLs are made from, and its JSON body after the URL."""
    bodies = []
    for page in pages:
        parts = urlsplit(page.url)
        bodies.append((parts.hostname, parts.path or "/", b', "html": ' + json.dumps(page.html).encode() + b"}"))
    return bodies


def saved_id(answer: bytes) -> int:
    match = LEADING_ID_RE.match(answer)  # the Page's first field; decoding all of it costs the client more
    return int(match.group(1)) if match else json.loads(answer)["id"]


def client(port: int, token: str, bodies: list[tuple[str, str, bytes]], counter, deadline: float,
           stats: ClientStats) -> None:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
    try:
        for _ in range(MAX_REQUESTS_PER_CLIENT):
            if time.monotonic() >= deadline:
                return
            n = next(counter)
            host, path, rest = bodies[n % len(bodies)]
            body = b'{"url": ' + json.dumps(f"https://load{n}.{host}{path}").encode() + rest
            try:
                t0 = time.perf_counter()
                conn.request("POST", "/api/v1/pages", body=body, headers=headers)
                resp = conn.getresponse()
                answer = resp.read()
                elapsed = time.perf_counter() - t0
                if resp.status == 422 and b'"no_article"' in answer:
                    stats.no_article += 1
                    continue
                if resp.status != 201:
                    stats.errors.append(f"save {resp.status}: {answer[:200]!r}")
                    continue
                stats.saves.append(elapsed)
                page_id = saved_id(answer)
                t0 = time.perf_counter()
                conn.request("GET", f"/api/v1/pages/{page_id}", headers=headers)
                resp = conn.getresponse()
                resp.read()
                if resp.status != 200:
                    stats.errors.append(f"read {resp.status}")
                    continue
                stats.reads.append(time.perf_counter() - t0)
            except (OSError, http.client.HTTPException) as exc:
                stats.errors.append(f"{type(exc).__name__}: {exc}")
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    finally:
        conn.close()


def run_load(port: int, token: str, clients: int, seconds: float, bodies: list[tuple[str, str, bytes]],
             counter) -> tuple[list[ClientStats], float]:
    stats = [ClientStats() for _ in range(clients)]
    started = time.monotonic()
    deadline = started + seconds
    threads = [threading.Thread(target=client, args=(port, token, bodies, counter, deadline, s)) for s in stats]
    for t in threads:
        t.start()
    for t in threads:
        t.join(seconds + 120)
    return stats, time.monotonic() - started


# ---- links: fetched by the job workers -------------------------------------------------

class PageSite:
    """The benchmark pages on 127.0.0.1, /p/<n> being page n (modulo their count)."""

    def __init__(self, pages):
        from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

        bodies = [page.html.encode("utf-8") for page in pages]

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802 (http.server's naming)
                match = re.match(r"^/p/(\d+)$", self.path)
                body = bodies[int(match.group(1)) % len(bodies)] if match else b""
                self.send_response(200 if match else 404)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def link_client(port: int, token: str, site: str, counter, deadline: float, stats: ClientStats) -> None:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
    try:
        for _ in range(MAX_REQUESTS_PER_CLIENT):
            if time.monotonic() >= deadline:
                return
            body = json.dumps({"url": f"{site}/p/{next(counter)}"}).encode()
            try:
                t0 = time.perf_counter()
                conn.request("POST", "/api/v1/pages", body=body, headers=headers)
                resp = conn.getresponse()
                answer = resp.read()
                if resp.status != 202:
                    stats.errors.append(f"link {resp.status}: {answer[:200]!r}")
                    continue
                stats.saves.append(time.perf_counter() - t0)
            except (OSError, http.client.HTTPException) as exc:
                stats.errors.append(f"{type(exc).__name__}: {exc}")
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    finally:
        conn.close()


def run_links(server: Server, token: str, clients: int, seconds: float, site: str,
              drain_limit: float = 600) -> tuple[list[ClientStats], float, dict[str, int]]:
    """Links saved for `seconds`, then until the workers have fetched them all: answers the
    clients' stats, the time from the first request to the last page stored, and the states."""
    stats = [ClientStats() for _ in range(clients)]
    counter = itertools.count()
    before = server.page_states()
    started = time.monotonic()
    deadline = started + seconds
    threads = [threading.Thread(target=link_client, args=(server.port, token, site, counter, deadline, s))
               for s in stats]
    for t in threads:
        t.start()
    for t in threads:
        t.join(seconds + 120)
    states = server.page_states()
    while states.get("fetching") and time.monotonic() < deadline + drain_limit:
        time.sleep(0.2)
        states = server.page_states()
    elapsed = time.monotonic() - started
    return stats, elapsed, {k: v - before.get(k, 0) for k, v in states.items()}


# ---- the baseline -------------------------------------------------------------------

def _extract_for(args) -> int:
    seconds, offset, gloss_settings = args
    import trafilatura

    pages = load_aeb_pages(data_dir(None, "aeb"))
    done = 0
    deadline = time.monotonic() + seconds
    for n in itertools.islice(itertools.count(offset), MAX_REQUESTS_PER_CLIENT):
        if time.monotonic() >= deadline:
            break
        page = pages[n % len(pages)]
        if gloss_settings:
            trafilatura.bare_extraction(page.html, url=page.url, **TRAFILATURA_SETTINGS)
        else:
            trafilatura.extract(page.html, url=page.url)
        done += 1
    return done


def baseline(seconds: float, gloss_settings: bool) -> float:
    """Pages per second of two processes doing nothing but trafilatura: with Gloss's
    settings (the reference), or with trafilatura's defaults."""
    with multiprocessing.get_context("spawn").Pool(2) as pool:
        pool.map(_extract_for, [(3, 0, gloss_settings), (3, 90, gloss_settings)])  # warm up: imports, lxml, caches
        started = time.monotonic()
        counts = pool.map(_extract_for, [(seconds, 0, gloss_settings), (seconds, 90, gloss_settings)])
        return sum(counts) / (time.monotonic() - started)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--mixed", action="store_true",
                        help="the mixed run on SQLite and PostgreSQL (bench/load_mixed.py)")
    parser.add_argument("--clients", type=int, default=None, help="default: 4, or 20 with --mixed")
    parser.add_argument("--users", type=int, default=4, help="--mixed: users the clients are spread over")
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--baseline-seconds", type=float, default=30)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--links-seconds", type=float, default=30)
    parser.add_argument("--job-workers", type=int, default=1,
                        help="`gloss worker` processes beside the one `gloss serve` runs")
    add_data_option(parser)
    args = parser.parse_args()
    data = use_data(args.data, "aeb")
    base = os.environ.get("GLOSS_DATABASE_URL") or DEFAULT_DB
    if not base.startswith("postgresql"):
        parser.error("the load benchmark runs on PostgreSQL: set GLOSS_DATABASE_URL")
    if args.mixed:
        from bench import load_mixed

        args.clients = args.clients or 20
        load_mixed.main(args, Server, prepare_bodies, lambda: load_aeb_pages(data), pct, base)
        return
    args.clients = args.clients or 4

    # The reference is measured before and after the load and averaged: on a shared
    # machine the speed available drifts over minutes.
    reference_before = baseline(args.baseline_seconds, gloss_settings=True)
    server = Server(base, args.workers, args.job_workers)
    pages = load_aeb_pages(data)
    site = PageSite(pages)
    try:
        token = server.start()
        bodies = prepare_bodies(pages)
        counter = itertools.count()  # shared by both runs: every save is of a new URL
        run_load(server.port, token, args.clients, min(5.0, args.seconds), bodies, counter)  # warm-up
        stats, elapsed = run_load(server.port, token, args.clients, args.seconds, bodies, counter)
        link_stats, link_elapsed, link_states = run_links(server, token, args.clients, args.links_seconds, site.base)
    finally:
        server.close()
        site.close()
    reference_after = baseline(args.baseline_seconds, gloss_settings=True)
    reference = (reference_before + reference_after) / 2
    defaults = baseline(args.baseline_seconds, gloss_settings=False)

    saves = [x for s in stats for x in s.saves]
    reads = [x for s in stats for x in s.reads]
    errors = [e for s in stats for e in s.errors]
    rate = len(saves) / elapsed
    print(f"\n{args.clients} clients, gunicorn {args.workers} workers, PostgreSQL, {elapsed:.0f} s on loopback")
    print(f"{'':<22} {'count':>7} {'per s':>7} {'p50 ms':>8} {'p99 ms':>8}")
    print(f"{'save (POST /pages)':<22} {len(saves):7d} {rate:7.1f} {statistics.median(saves) * 1000:8.1f} "
          f"{pct(saves, 0.99) * 1000:8.1f}")
    print(f"{'read (GET /pages/id)':<22} {len(reads):7d} {len(reads) / elapsed:7.1f} "
          f"{statistics.median(reads) * 1000:8.1f} {pct(reads, 0.99) * 1000:8.1f}")
    print(f"no_article answers: {sum(s.no_article for s in stats)}; errors: {len(errors)}")
    for e in errors[:10]:
        print("  ", e)
    link_answers = [x for s in link_stats for x in s.saves]
    link_errors = [e for s in link_stats for e in s.errors]
    articles = link_states.get("article", 0)
    link_rate = articles / link_elapsed
    print(f"{'link (POST url only)':<22} {len(link_answers):7d} {len(link_answers) / args.links_seconds:7.1f} "
          f"{statistics.median(link_answers) * 1000 if link_answers else float('nan'):8.1f} "
          f"{pct(link_answers, 0.99) * 1000:8.1f}   (202 answers while posting)")
    print(f"links saved per second, fetched and extracted by the job workers (gloss serve's own plus "
          f"{args.job_workers} gloss worker): {link_rate:.1f} ({articles} articles, "
          f"{link_states.get('link', 0)} failed, {link_states.get('fetching', 0)} still fetching, "
          f"{link_elapsed:.0f} s from the first request to the last article); browser saves per second: "
          f"{rate:.1f}; links reach {link_rate / rate:.0%} of it; link errors: {len(link_errors)}")
    for e in link_errors[:10]:
        print("  ", e)
    print(f"bare trafilatura with Gloss's settings, 2 processes: {reference:.1f} pages/s "
          f"({reference_before:.1f} before the load, {reference_after:.1f} after); "
          f"saves reach {rate / reference:.0%} of it (target >= 60%: "
          f"{'met' if rate >= 0.6 * reference else 'NOT MET'})")
    print(f"bare trafilatura.extract with its defaults, 2 processes: {defaults:.1f} pages/s; "
          f"saves reach {rate / defaults:.0%} of it")


if __name__ == "__main__":
    main()
