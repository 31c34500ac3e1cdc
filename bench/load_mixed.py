"""The mixed load run of bench/load.py (`--mixed`): many clients doing what readers do,
on SQLite and on PostgreSQL, one after the other on the same machine.

Each backend gets a fresh `gloss serve` (gunicorn, --workers workers, its default
threads) and --users users. --clients clients (spread over the users) first warm it up
until every benchmark page has been saved about once per worker (--workers times the
pages, at most 5 minutes): a worker keeps heap room for the largest page it has handled,
so its memory grows until it has met the largest pages and is flat after; measured from
the start, that growth would hide (or pass for) a leak. Then, for --seconds, each client
picks one request at a time: save a new page (the benchmark pages, each under a URL of its
own), read one of their pages, list their pages, search them for a word of a saved
article, or highlight a passage of one. Printed per backend: p50/p99 of every kind of
request and of all of them, the errors (any answer but the expected one, or a broken
connection), the warm-up, and the resident memory of gunicorn's workers (summed) sampled
through the run: its mean in each third (and sixth) and its peak, and whether it grew from
the first third to the last (target: at most 5 %, about the noise of a busy machine), and
whether workers were replaced meanwhile (GLOSS_MAX_REQUESTS), which restarts their memory.
Then SQLite's p99 over PostgreSQL's (the target: at most 2).

    python bench/load.py --mixed [--clients 20 --users 4 --seconds 60 --workers 2]
"""
from __future__ import annotations

import http.client
import itertools
import json
import random
import statistics
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

KINDS = ("save", "read", "list", "search", "highlight")
# How often each is picked once a client has pages: reading dominates, as it does for people.
WEIGHTS = (2, 4, 2, 2, 2)
EXPECTED = {"save": (201, 200), "read": (200,), "list": (200,), "search": (200,), "highlight": (201,)}
MEMORY_SAMPLE_S = 0.5
WARM_UP_MAX_S = 300
MEMORY_GROWTH_ALLOWED = 0.05
MAX_REQUESTS_PER_CLIENT = 100_000
MIB = 1024 * 1024


@dataclass
class MixedStats:
    times: dict[str, list[float]] = field(default_factory=lambda: {kind: [] for kind in KINDS})
    errors: list[str] = field(default_factory=list)
    no_article: int = 0


@dataclass
class OwnPage:
    page_id: int
    quote: str  # a passage of its text, to highlight and to search for


def passage(text_: str, rng: random.Random) -> str | None:
    words = text_.split()
    if len(words) < 30:
        return None
    start = rng.randrange(5, len(words) - 12)
    return " ".join(words[start:start + 8])


def mixed_client(port: int, token: str, bodies, counter, done: Callable[[], bool], stats: MixedStats,
                 seed: int) -> None:
    rng = random.Random(seed)
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
    own: list[OwnPage] = []

    def call(method: str, path: str, body: bytes | None = None) -> tuple[int, bytes]:
        conn.request(method, path, body=body, headers=headers)
        resp = conn.getresponse()
        return resp.status, resp.read()

    for _ in range(MAX_REQUESTS_PER_CLIENT):
        if done():
            break
        kind = rng.choices(KINDS, WEIGHTS)[0] if own else "save"
        page = rng.choice(own) if own else None
        try:
            t0 = time.perf_counter()
            if kind == "save" or page is None:  # (no page of its own yet: it saves)
                n = next(counter)
                host, path, rest = bodies[n % len(bodies)]
                status, answer = call("POST", "/api/v1/pages",
                                      b'{"url": ' + json.dumps(f"https://mixed{n}.{host}{path}").encode() + rest)
            elif kind == "read":
                status, answer = call("GET", f"/api/v1/pages/{page.page_id}")
            elif kind == "list":
                status, answer = call("GET", "/api/v1/pages?limit=20")
            elif kind == "search":
                word = max(page.quote.split(), key=len)
                status, answer = call("GET", "/api/v1/pages?limit=20&q=" + quote(word))
            else:
                status, answer = call("POST", f"/api/v1/pages/{page.page_id}/highlights",
                                      json.dumps({"quote": page.quote, "note": "mixed load"}).encode())
            elapsed = time.perf_counter() - t0
        except (OSError, http.client.HTTPException) as exc:
            stats.errors.append(f"{kind}: {type(exc).__name__}: {exc}")
            conn.close()
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
            continue
        if kind == "save" and status == 422 and b'"no_article"' in answer:
            stats.no_article += 1  # a benchmark page without an article: an answer, not an error
            continue
        if status not in EXPECTED[kind]:
            stats.errors.append(f"{kind} {status}: {answer[:160]!r}")
            continue
        stats.times[kind].append(elapsed)
        if kind == "save":
            saved = json.loads(answer)
            chosen = passage(saved.get("text") or "", rng)
            if chosen:
                own.append(OwnPage(saved["id"], chosen))
    conn.close()


def rss_bytes(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def sample_memory(server, stop: threading.Event, samples: list[tuple[float, int]], pids: set[int]) -> None:
    while not stop.wait(MEMORY_SAMPLE_S):
        workers = server.app_worker_pids()
        pids.update(workers)
        samples.append((time.monotonic(), sum(rss_bytes(pid) for pid in workers)))


@dataclass
class BackendResult:
    backend: str
    elapsed: float
    stats: list[MixedStats]
    memory: list[tuple[float, int]]
    started: float
    warm_up: tuple[float, int]  # seconds, pages saved
    worker_pids: set[int]

    def times(self, kind: str | None = None) -> list[float]:
        kinds = KINDS if kind is None else (kind,)
        return [t for s in self.stats for k in kinds for t in s.times[k]]

    @property
    def errors(self) -> list[str]:
        return [e for s in self.stats for e in s.errors]

    def memory_parts(self, parts: int = 3) -> list[float]:
        """Mean worker memory (MiB) in each of `parts` equal stretches of the run."""
        length = self.elapsed / parts
        means = []
        for n in range(parts):
            inside = [m for t, m in self.memory if n * length <= t - self.started <= (n + 1) * length]
            means.append(statistics.fmean(inside) / MIB if inside else float("nan"))
        return means

    def memory_verdict(self) -> tuple[float, str]:
        """Growth from the first third to the last, and whether memory stayed bounded."""
        first, _, last = self.memory_parts()
        growth = (last - first) / first if first else float("nan")
        return growth, "bounded" if growth <= MEMORY_GROWTH_ALLOWED else "GREW"


def run_backend(server, clients: int, users: int, seconds: float, bodies, workers: int) -> BackendResult:
    tokens = [server.create_user(f"mixed{n}") for n in range(users)]
    server.start()
    counter = itertools.count()
    # Warm-up with every client, before the clock (and the memory sampling) starts: the
    # workers import and connect, and each keeps heap room for the largest page it has
    # handled, so its memory grows until it has met the largest benchmark pages and is flat
    # after. The warm-up lasts until every page has been saved about once per worker.
    warm_stats = [MixedStats() for _ in range(clients)]
    warm_target = workers * len(bodies)
    warm_started = time.monotonic()

    def warmed() -> bool:
        saved = sum(len(s.times["save"]) + s.no_article for s in warm_stats)
        return saved >= warm_target or time.monotonic() - warm_started >= WARM_UP_MAX_S

    warmers = [threading.Thread(target=mixed_client, args=(server.port, tokens[n % users], bodies, counter,
                                                           warmed, warm_stats[n], -n - 1))
               for n in range(clients)]
    for t in warmers:
        t.start()
    for t in warmers:
        t.join(WARM_UP_MAX_S + 300)
    warm_up = (time.monotonic() - warm_started, sum(len(s.times["save"]) + s.no_article for s in warm_stats))
    stats = [MixedStats() for _ in range(clients)]
    samples: list[tuple[float, int]] = []
    pids: set[int] = set()
    stop = threading.Event()
    sampler = threading.Thread(target=sample_memory, args=(server, stop, samples, pids), daemon=True)
    started = time.monotonic()
    sampler.start()
    deadline = started + seconds
    threads = [threading.Thread(target=mixed_client,
                                args=(server.port, tokens[n % users], bodies, counter,
                                      lambda: time.monotonic() >= deadline, stats[n], n + 1))
               for n in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(seconds + 300)
    elapsed = time.monotonic() - started
    stop.set()
    sampler.join(5)
    return BackendResult(server.backend, elapsed, stats, samples, started, warm_up, pids)


def report(results: list[BackendResult], clients: int, users: int, workers: int, pct) -> None:
    print(f"\nmixed load: {clients} clients over {users} users, gunicorn {workers} workers, "
          f"{results[0].elapsed:.0f} s per backend on loopback")
    print(f"{'backend':<11} {'request':<10} {'count':>7} {'per s':>7} {'p50 ms':>8} {'p99 ms':>9}")
    for r in results:
        for kind in (*KINDS, None):
            values = r.times(kind)
            p50 = statistics.median(values) * 1000 if values else float("nan")
            print(f"{r.backend:<11} {kind or 'all':<10} {len(values):7d} {len(values) / r.elapsed:7.1f} "
                  f"{p50:8.1f} {pct(values, 0.99) * 1000:9.1f}")
    print()
    for r in results:
        growth, verdict = r.memory_verdict()
        peak = max((m for _, m in r.memory), default=0) / MIB
        thirds = " / ".join(f"{m:.0f}" for m in r.memory_parts())
        sixths = " ".join(f"{m:.0f}" for m in r.memory_parts(6))
        print(f"{r.backend}: errors {len(r.errors)}; no_article answers {sum(s.no_article for s in r.stats)}; "
              f"warm-up {r.warm_up[0]:.0f} s, {r.warm_up[1]} pages saved")
        print(f"  workers' memory by third {thirds} MiB (by sixth {sixths}), peak {peak:.0f} MiB; "
              f"first to last third {growth:+.1%}: {verdict} (at most {MEMORY_GROWTH_ALLOWED:+.0%})")
        if len(r.worker_pids) > workers:
            print(f"  workers were replaced during the run ({len(r.worker_pids)} seen; GLOSS_MAX_REQUESTS): "
                  "their memory started again")
        for error in r.errors[:8]:
            print("   ", error)
    by_name = {r.backend: r for r in results}
    if "SQLite" in by_name and "PostgreSQL" in by_name:
        sqlite_p99 = pct(by_name["SQLite"].times(), 0.99)
        pg_p99 = pct(by_name["PostgreSQL"].times(), 0.99)
        ratio = sqlite_p99 / pg_p99
        print(f"p99 SQLite / PostgreSQL: {sqlite_p99 * 1000:.0f} ms / {pg_p99 * 1000:.0f} ms = {ratio:.2f} "
              f"(target <= 2: {'met' if ratio <= 2 else 'NOT MET'})")


def main(args, Server, prepare_bodies, load_pages, pct, postgresql_url: str) -> None:
    bodies = prepare_bodies(load_pages())
    results = []
    for base_url in (None, postgresql_url):
        server = Server(base_url, args.workers)
        try:
            results.append(run_backend(server, args.clients, args.users, args.seconds, bodies, args.workers))
        finally:
            server.close()
    report(results, args.clients, args.users, args.workers, pct)
