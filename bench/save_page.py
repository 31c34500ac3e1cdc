"""Time the whole save path against trafilatura alone, and watch its memory.

For each of the 181 benchmark pages, interleaved page by page and repeated
three times, it times a bare `trafilatura.bare_extraction(..., with_metadata=True)`
with exactly Gloss's settings and a full `POST /api/v1/pages` through the Flask
test client on a SQLite file database (extraction, sanitizing, canonical URL,
storage, versions, search index; repeats are re-saves). It prints the medians
and the median of the per-page ratios (the budget is 1.35x).

Then a fresh process saves all pages three times over and reports its peak
memory (RSS high-water mark and tracemalloc peak) for pass 1 and pass 3: a
pass 3 well above pass 1 would mean something grows per save.

    .venv/bin/python bench/save_page.py [--data DIR]
"""
from __future__ import annotations

import argparse
import json
import logging
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections import Counter
from contextlib import contextmanager
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import trafilatura  # noqa: E402

from bench.common import BenchPage, add_data_option, load_aeb_pages, use_data  # noqa: E402
from server.extraction import TRAFILATURA_SETTINGS  # noqa: E402

REPEATS = 3
MEMORY_PASSES = 3
RATIO_BUDGET = 1.35


@contextmanager
def gloss_client():
    """A Flask test client and a bearer token, on a fresh SQLite file database."""
    with tempfile.TemporaryDirectory(prefix="gloss-bench-") as tmp:
        os.environ["GLOSS_INSTANCE_DIR"] = tmp
        from server import create_app
        from server.db import db_session, make_engine, upgrade
        from server.services import auth

        url = f"sqlite:///{tmp}/gloss.db"
        engine = make_engine(url)
        upgrade(engine)
        app = create_app({"SECRET_KEY": "bench", "DATABASE_URL": url, "ENGINE": engine})
        with app.app_context():
            user = auth.create_user(db_session, "bench", "bench password 1234")
            token = auth.create_token(db_session, user)
            db_session.commit()
        yield app.test_client(), {"Authorization": f"Bearer {token}"}
        engine.dispose()


_BODIES: dict[str, bytes] = {}


def save(client, headers: dict, page: BenchPage) -> int:
    # The body is encoded once, as a browser would have it ready: encoding it is the client's work.
    body = _BODIES.get(page.page_id)
    if body is None:
        body = _BODIES[page.page_id] = json.dumps({"url": page.url, "html": page.html}).encode()
    response = client.post("/api/v1/pages", data=body,
                           headers={**headers, "Content-Type": "application/json"})
    if response.status_code not in (200, 201, 422):
        raise RuntimeError(f"{page.page_id}: {response.status_code} {response.get_data(as_text=True)[:300]}")
    return response.status_code


def time_saves(pages: list[BenchPage]) -> None:
    bare: dict[str, list[float]] = {page.page_id: [] for page in pages}
    full: dict[str, list[float]] = {page.page_id: [] for page in pages}
    statuses: Counter[int] = Counter()
    with gloss_client() as (client, headers):
        for _ in range(REPEATS):
            for page in pages:
                started = time.perf_counter()
                trafilatura.bare_extraction(page.html, url=page.url, **TRAFILATURA_SETTINGS)
                middle = time.perf_counter()
                statuses[save(client, headers, page)] += 1
                ended = time.perf_counter()
                bare[page.page_id].append(middle - started)
                full[page.page_id].append(ended - middle)
    bare_median = {key: statistics.median(values) for key, values in bare.items()}
    full_median = {key: statistics.median(values) for key, values in full.items()}
    ratios = [full_median[key] / bare_median[key] for key in bare_median]
    ratio = statistics.median(ratios)
    print(f"{len(pages)} pages x {REPEATS}, interleaved; answers {dict(sorted(statuses.items()))}")
    print(f"bare_extraction median {statistics.median(bare_median.values()) * 1000:7.1f} ms, "
          f"total {sum(bare_median.values()):6.2f} s")
    print(f"POST /api/v1/pages median {statistics.median(full_median.values()) * 1000:7.1f} ms, "
          f"total {sum(full_median.values()):6.2f} s")
    print(f"median per-page ratio {ratio:.3f} (p90 {statistics.quantiles(ratios, n=10)[-1]:.3f}, "
          f"budget {RATIO_BUDGET}) {'ok' if ratio <= RATIO_BUDGET else 'OVER BUDGET'}")


def rss_mib() -> float:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def measure_memory(pages: list[BenchPage]) -> None:
    """Runs in its own process: saves every page MEMORY_PASSES times, one pass at a time."""
    tracemalloc.start()
    with gloss_client() as (client, headers):
        for number in range(1, MEMORY_PASSES + 1):
            tracemalloc.reset_peak()
            for page in pages:
                save(client, headers, page)
            _, traced_peak = tracemalloc.get_traced_memory()
            high_water = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
            print(f"pass {number}: RSS now {rss_mib():6.1f} MiB, RSS high-water {high_water:6.1f} MiB, "
                  f"Python heap peak (tracemalloc) {traced_peak / 2**20:6.1f} MiB", flush=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    add_data_option(parser)
    parser.add_argument("--memory", action="store_true", help="only the memory part (run in a fresh process)")
    args = parser.parse_args()
    logging.disable(logging.CRITICAL)  # trafilatura logs every discarded page
    pages = load_aeb_pages(use_data(args.data, "aeb"))
    if args.memory:
        measure_memory(pages)
        return 0
    time_saves(pages)
    print(f"memory of a process saving all pages {MEMORY_PASSES} times:", flush=True)
    return subprocess.call([sys.executable, __file__, "--memory"])


if __name__ == "__main__":
    sys.exit(main())
