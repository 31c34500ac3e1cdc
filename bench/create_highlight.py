"""Creating highlights on large articles: milliseconds per highlight, windows against the
whole text normalized.

The extension sends a highlight as the live page shows it: the quote and 32 characters of
context either side, whitespace as the DOM has it, no offsets. Each article is made of the
benchmark's article texts (aeb ground truth) joined until it reaches the size, repeated
when they run out (so a passage may stand several times in the larger articles, as
boilerplate does). For each size, --highlights passages are highlighted twice through the
service, committed each time: with `locate` normalizing only windows around the quote's
places (today) and normalizing the whole text first (as before). Printed per size: p50 and
max of locating alone and of the whole creation, before and after.

    python bench/create_highlight.py [--sizes 1 4] [--highlights 20] [--data DIR]

Runs on SQLite in a temporary file, or on PostgreSQL in a new schema when
GLOSS_DATABASE_URL names one.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import secrets
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import text as sql  # noqa: E402
from sqlalchemy.orm import Session  # noqa: E402

from bench.common import add_data_option, use_data  # noqa: E402
from server.anchoring import describe, locate  # noqa: E402
from server.db import make_engine, upgrade  # noqa: E402
from server.models import Page, User  # noqa: E402
from server.services import highlights as highlight_service  # noqa: E402
from server.services import search  # noqa: E402

MIB = 1024 * 1024
PASSAGE_WORDS = (8, 40)


def article(truths: list[str], size: int) -> str:
    parts: list[str] = []
    length = 0
    while length < size:
        for body in truths:
            parts.append(body)
            length += len(body) + 2
            if length >= size:
                break
    return "\n\n".join(parts)[:size]


def passages(body: str, count: int, rnd: random.Random) -> list[tuple[str, str, str]]:
    """Quote, prefix and suffix of `count` passages of whole words, as the live page shows them."""
    found: list[tuple[str, str, str]] = []
    while len(found) < count:
        start = body.find(" ", rnd.randrange(len(body) - 2000)) + 1
        end = start
        for _ in range(rnd.randint(*PASSAGE_WORDS)):
            end = body.find(" ", end + 1)
        selector = describe(body, start, end)
        if selector.exact.strip():
            found.append((" ".join(selector.exact.split()), " ".join(selector.prefix.split()) + " ",
                          " " + " ".join(selector.suffix.split())))
    return found


def timed(fn: Callable[[], object]) -> float:
    started = time.perf_counter()
    fn()
    return (time.perf_counter() - started) * 1000


def create(session: Session, user: User, page_id: int, quote: str, prefix: str, suffix: str) -> None:
    highlight_service.create_highlight(session, user, page_id, quote=quote, prefix=prefix, suffix=suffix)
    session.commit()


def run(url: str, truths: list[str], sizes: list[float], count: int) -> list[tuple[str, list[float]]]:
    engine = make_engine(url)
    upgrade(engine)
    rows: list[tuple[str, list[float]]] = []
    rnd = random.Random(20261204)
    whole = highlight_service.anchoring.locate
    with Session(engine) as session:
        user = User(username="bench", password_hash="-")
        session.add(user)
        session.flush()
        for size in sizes:
            body = article(truths, int(size * MIB))
            page = Page(user_id=user.id, url=f"https://example.com/{size}", canonical_url=f"https://example.com/{size}",
                        state="article", title=f"{size} MB", text=body, html="", highlight_count=0)
            session.add(page)
            search.index_new_page(session, page)
            session.commit()
            chosen = passages(body, count, rnd)
            for label, whole_text in (("whole text (before)", True), ("windows (now)", False)):
                rows.append((f"{size:g} MB locate, {label}",
                             [timed(partial(locate, body, q, p, s, whole_text=whole_text)) for q, p, s in chosen]))
                highlight_service.anchoring.locate = partial(whole, whole_text=whole_text)
                try:
                    rows.append((f"{size:g} MB create + commit, {label}",
                                 [timed(partial(create, session, user, page.id, *passage)) for passage in chosen]))
                finally:
                    highlight_service.anchoring.locate = whole
    engine.dispose()
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=float, nargs="+", default=[1, 4], help="article sizes in MiB")
    parser.add_argument("--highlights", type=int, default=20, help="highlights created per size and way")
    add_data_option(parser)
    args = parser.parse_args()
    data = use_data(args.data, "aeb")
    truth = json.loads((data / "aeb" / "ground-truth.json").read_text(encoding="utf-8"))
    truths = [truth[key]["articleBody"] for key in sorted(truth) if truth[key]["articleBody"].strip()]

    base = os.environ.get("GLOSS_DATABASE_URL", "")
    with tempfile.TemporaryDirectory(prefix="gloss-create-") as folder:
        if base.startswith("postgresql"):
            schema = f"bench_create_{os.getpid()}_{secrets.token_hex(3)}"
            admin = make_engine(base)
            with admin.begin() as conn:
                conn.execute(sql(f'CREATE SCHEMA "{schema}"'))
            try:
                rows = run(f"{base}{'&' if '?' in base else '?'}options=-csearch_path%3D{schema}", truths,
                           args.sizes, args.highlights)
            finally:
                with admin.begin() as conn:
                    conn.execute(sql(f'DROP SCHEMA "{schema}" CASCADE'))
                admin.dispose()
            backend = "PostgreSQL"
        else:
            rows = run(f"sqlite:///{Path(folder) / 'gloss.db'}", truths, args.sizes, args.highlights)
            backend = "SQLite"
    print(f"\ncreating a highlight from quote and context (no offsets), {args.highlights} per row, {backend}")
    print(f"{'':<48} {'p50 ms':>8} {'max ms':>8}")
    for name, times in rows:
        print(f"{name:<48} {statistics.median(times):8.1f} {max(times):8.1f}")


if __name__ == "__main__":
    main()
