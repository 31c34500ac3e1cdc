"""Store benchmark: a big library, then the everyday operations timed through the services.

Fills a fresh database (SQLite file under bench/out/, or a fresh PostgreSQL
schema when GLOSS_DATABASE_URL points at PostgreSQL, dropped afterwards) with
--pages pages of realistic article text (the benchmark articles, cut and mixed
differently for each page, with rare names sprinkled in) over --users users,
the first holding half of them, and --highlights highlights, tags and search
index rows, by bulk inserts. Then, for that first user, times: saving a page,
listing the first 50 pages and the 50 after item 25,000 (by cursor), opening a
page with its highlights, searching a common word, a rare word and a phrase,
listing highlights by tag, and the daily review: choosing the day's session (all
highlights, of one tag, of one page) and answering one. Prints p50/p95 per operation
and the database size.

    python bench/store.py [--pages 100000 --highlights 1000000] [--data DIR]

`--review-only` fills only what the daily review reads (one user's --highlights
highlights with their review cards, on short pages) and times the review alone:

    python bench/store.py --review-only --highlights 500000
"""
from __future__ import annotations

import argparse
import html
import json
import multiprocessing
import os
import random
import secrets
import statistics
import sys
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import select, text  # noqa: E402
from sqlalchemy.orm import Session  # noqa: E402

from bench.common import REPO_ROOT, add_data_option, data_dir, load_aeb_pages, use_data  # noqa: E402
from server.db import make_engine, upgrade  # noqa: E402
from server.models import (Highlight, HighlightReview, Page, PageVersion, Tag, User,  # noqa: E402
                           highlight_tags, page_tags)
from server.services import highlight_list  # noqa: E402
from server.services import page_list  # noqa: E402
from server.services import pages as page_service  # noqa: E402
from server.services import reading as reading_service  # noqa: E402
from server.services import review as review_service  # noqa: E402
from server.services import search  # noqa: E402
from server.services.compression import compress_html  # noqa: E402
from server.services.pagination import encode_cursor  # noqa: E402

BATCH = 1000
SYLLABLES = ("ka", "lo", "mi", "ren", "tas", "vor", "qui", "zel", "bra", "dun", "fey", "gol", "hix",
             "jor", "nym", "pel", "sar", "tov", "ulm", "wex", "yar", "cor", "dri", "esk")
TAGS = ("reading", "work", "ideas", "history", "science", "politics", "tech", "health", "money",
        "design", "climate", "books", "travel", "food", "music", "law", "education", "media",
        "security", "space", "energy", "art", "sport", "culture", "data", "cities", "language",
        "ethics", "startups", "research")
COLORS = ("yellow", "green", "blue", "pink", "purple")
START = datetime(2022, 1, 1, tzinfo=timezone.utc)
# The daily review is timed as of the end of the filled period.
REVIEW_NOW = START + timedelta(days=3 * 365)
COMMON_WORD = "year"
PHRASE = '"virtual perks"'


# ---- the data -----------------------------------------------------------------------

def review_row(rnd: random.Random, hid: int, uid: int, created: datetime) -> dict:
    """A highlight's review card: a third never reviewed, a few retired, the rest
    reviewed some time after they were made and due from a month ago to a year ahead."""
    row: dict[str, Any] = dict(highlight_id=hid, user_id=uid, state=0, step=None, stability=None, difficulty=None,
               due=None, last_review=None, first_review=None, reviews=0,
               favourite=rnd.random() < 0.05, retired=rnd.random() < 0.03)
    if rnd.random() < 0.35:
        return row
    last = min(REVIEW_NOW - timedelta(hours=1), created + timedelta(days=rnd.uniform(1, 400)))
    row.update(state=2, stability=rnd.uniform(1, 300), difficulty=rnd.uniform(1, 10), last_review=last,
               first_review=min(last, created + timedelta(days=1)), reviews=rnd.randint(1, 12),
               due=REVIEW_NOW + timedelta(days=rnd.uniform(-30, 365)))
    return row


def articles() -> list[list[str]]:
    truth = json.loads((data_dir(None, "aeb") / "aeb" / "ground-truth.json").read_text())
    return [[p.strip() for p in v["articleBody"].split("\n") if p.strip()] for _k, v in sorted(truth.items())]


def rare_name(n: int) -> str:
    """A made-up proper name, one of len(SYLLABLES)**3 (~14k): each appears on a few pages."""
    k = len(SYLLABLES)
    return (SYLLABLES[n % k] + SYLLABLES[(n // k) % k] + SYLLABLES[(n // k // k) % k]).capitalize()


def page_text(rnd: random.Random, arts: list[list[str]]) -> tuple[str, str]:
    base = arts[rnd.randrange(len(arts))]
    paras = [p for p in base if rnd.random() > 0.15] or base[:1]
    other = arts[rnd.randrange(len(arts))]
    paras.insert(rnd.randrange(len(paras) + 1), other[rnd.randrange(len(other))])
    names = [rare_name(rnd.randrange(len(SYLLABLES) ** 3)) for _ in range(2)]
    at = rnd.randrange(len(paras))
    paras[at] = f"{paras[at]} {names[0]} and {names[1]} said as much."
    words = base[0].split()[:rnd.randint(5, 10)]
    title = " ".join(words).rstrip(".,;:") + f" ({names[0]})"
    return title, "\n\n".join(paras)


def spans(rnd: random.Random, body: str, count: int) -> list[tuple[int, int]]:
    out = []
    for _ in range(count):
        start = rnd.randrange(max(1, len(body) - 60))
        start = body.find(" ", start) + 1 if start else 0
        end = body.find(" ", start + rnd.randint(40, 200))
        end = len(body) if end == -1 else end
        if end > start:
            out.append((start, end))
    return out


def owner_of(i: int, pages: int, users: int) -> int:
    """User 1 holds every other page (half), the rest share the others."""
    return 1 if i % 2 == 0 else 2 + (i // 2) % (users - 1)


def fill_range(url: str, first: int, last: int, pages: int, highlights: int, users: int,
               tag_ids: dict, seed: int, progress=None) -> None:
    """Pages first..last-1 (0-based) with their highlights, tags, versions and index rows."""
    engine = make_engine(url)
    arts = articles()
    per_page = highlights / pages
    span_days = 3 * 365
    try:
        for lo in range(first, last, BATCH):
            rnd = random.Random(seed * 1_000_003 + lo)
            hi = min(last, lo + BATCH)
            prow, vrow, ptrow, hrow, htrow, pdocs, hdocs, rrow = [], [], [], [], [], [], [], []
            for i in range(lo, hi):
                pid, uid = i + 1, owner_of(i, pages, users)
                title, body = page_text(rnd, arts)
                saved = START + timedelta(days=span_days * i / pages, seconds=rnd.randrange(3600))
                page_html = "".join(f"<p>{html.escape(p)}</p>" for p in body.split("\n\n"))
                words = len(body.split())
                url_i = f"https://news{pid % 97}.example.com/{pid}/{title[:30].replace(' ', '-').lower()}"
                count = int(per_page * 2 * rnd.random() + 0.5)
                prow.append(dict(id=pid, user_id=uid, url=url_i, canonical_url=url_i, state="article",
                                 title=title, author="A. Writer", published="2021-05-01",
                                 site_name=f"News {pid % 97}", language="en", image=None,
                                 excerpt=body[:250], word_count=words, reading_minutes=max(1, words // 230),
                                 text=body, html=page_html, notice=None,
                                 read_at=saved + timedelta(days=1) if rnd.random() < 0.3 else None,
                                 progress=0.0, highlight_count=0, saved_at=saved, updated_at=saved))
                vrow.append(dict(page_id=pid, url=url_i, text=body, accepted=True, created_at=saved,
                                 source_html=compress_html(f"<html><body>{page_html}</body></html>")))
                page_tag_names = rnd.sample(TAGS, rnd.randint(0, 3))
                ptrow += [dict(page_id=pid, tag_id=tag_ids[(uid, t)]) for t in page_tag_names]
                page_spans = spans(rnd, body, count)
                prow[-1]["highlight_count"] = len(page_spans)
                quotes, hl_tag_names = [], set()
                for k, (s, e) in enumerate(page_spans):
                    hid = _highlight_id(i, k, pages, highlights)
                    note = body[max(0, s - 300):max(0, s - 300) + 80] if rnd.random() < 0.3 else ""
                    created = saved + timedelta(minutes=5 + k)
                    hrow.append(dict(id=hid, user_id=uid, page_id=pid, quote=body[s:e],
                                     prefix=body[max(0, s - 32):s], suffix=body[e:e + 32], start=s, end=e,
                                     status="anchored", note=note, color=rnd.choice(COLORS),
                                     created_at=created, updated_at=created))
                    rrow.append(review_row(rnd, hid, uid, created))
                    names = [rnd.choice(TAGS)] if rnd.random() < 0.2 else []
                    htrow += [dict(highlight_id=hid, tag_id=tag_ids[(uid, t)]) for t in names]
                    hdocs.append(search.HighlightDocument(hid, pid, uid, "en", body[s:e], note, " ".join(names)))
                    quotes.append(f"{body[s:e]}\n{note}")
                    hl_tag_names.update(names)
                pdocs.append(search.PageDocument(pid, uid, "en", title, body, "\n".join(quotes),
                                                 " ".join(dict.fromkeys(page_tag_names + sorted(hl_tag_names)))))
            with engine.begin() as conn:
                conn.execute(Page.__table__.insert(), prow)
                conn.execute(PageVersion.__table__.insert(), vrow)
                if ptrow:
                    conn.execute(page_tags.insert(), ptrow)
                if hrow:
                    conn.execute(Highlight.__table__.insert(), hrow)
                    conn.execute(HighlightReview.__table__.insert(), rrow)
                if htrow:
                    conn.execute(highlight_tags.insert(), htrow)
                search.insert_documents(conn, pdocs, hdocs)
            if progress is not None:
                progress(hi - lo)
    finally:
        engine.dispose()


def _highlight_id(i: int, k: int, pages: int, highlights: int) -> int:
    # Room for up to 2x the average per page, so ids never collide across pages.
    slots = max(1, int(2 * highlights / pages) + 2)
    return i * slots + k + 1


def _worker(args) -> None:
    fill_range(*args)


def fill(url: str, pages: int, highlights: int, users: int) -> float:
    started = time.perf_counter()
    engine = make_engine(url)
    pg = engine.dialect.name == "postgresql"
    with engine.begin() as conn:
        conn.execute(User.__table__.insert(), [
            dict(id=u, username=f"user{u}", password_hash=None, created_at=START) for u in range(1, users + 1)])
        conn.execute(Tag.__table__.insert(), [
            dict(id=(u - 1) * len(TAGS) + n + 1, user_id=u, name=t, key=t)
            for u in range(1, users + 1) for n, t in enumerate(TAGS)])
        if pg:  # GIN indexes build much faster once than row by row
            conn.execute(text("DROP INDEX ix_page_search_document"))
            conn.execute(text("DROP INDEX ix_highlight_search_document"))
    tag_ids = {(u, t): (u - 1) * len(TAGS) + n + 1 for u in range(1, users + 1) for n, t in enumerate(TAGS)}
    engine.dispose()
    workers = 2 if pg else 1  # SQLite has one writer at a time
    bounds = [pages * w // workers for w in range(workers + 1)]
    jobs = [(url, bounds[w], bounds[w + 1], pages, highlights, users, tag_ids, w + 1) for w in range(workers)]
    if workers == 1:
        done = [0]

        def report(n):
            done[0] += n
            if done[0] % 10_000 < BATCH:
                print(f"  {done[0]:,} pages in {time.perf_counter() - started:.0f} s", file=sys.stderr)
        fill_range(*jobs[0], progress=report)
    else:
        with multiprocessing.get_context("spawn").Pool(workers) as pool:
            pool.map(_worker, jobs)
    engine = make_engine(url)
    with engine.begin() as conn:
        if pg:
            conn.execute(text("SET maintenance_work_mem = '512MB'"))
            conn.execute(text("CREATE INDEX ix_page_search_document ON page_search USING GIN (document)"))
            conn.execute(text("CREATE INDEX ix_highlight_search_document ON highlight_search USING GIN (document)"))
            for table in ("users", "tags", "pages", "page_versions", "highlights"):
                conn.execute(text(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                                  f"(SELECT coalesce(max(id), 1) FROM {table}))"))
        conn.execute(text("ANALYZE"))
    engine.dispose()
    return time.perf_counter() - started


# ---- the timed operations -----------------------------------------------------------

def timed(engine, fn, repeat: int) -> list[float]:
    times = []
    for n in range(repeat + 3):
        with Session(engine, expire_on_commit=False) as session:
            t0 = time.perf_counter()
            fn(session, n)
            session.commit()
            elapsed = time.perf_counter() - t0
        if n >= 3:  # the first runs warm caches
            times.append(elapsed * 1000)
    return times


def pct(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(round(q * (len(values) - 1))))]


def operations(engine, pages: int, repeat: int) -> list[tuple[str, list[float], str]]:
    with Session(engine) as session:
        user = session.get_one(User, 1)
        nth = min(25_000, max(1, pages // 2 - 51))
        row = session.execute(select(Page.saved_at, Page.id).where(Page.user_id == 1)
                              .order_by(Page.saved_at.desc(), Page.id.desc()).offset(nth - 1).limit(1)).one()
        cursor = encode_cursor(row.saved_at, row.id)
        ids = list(session.scalars(select(Page.id).where(Page.user_id == 1, Page.highlight_count > 0)
                                   .order_by(Page.id).limit(2000)))
        sample = session.scalar(select(Page.title).where(Page.user_id == 1).order_by(Page.id.desc()).limit(1))
        assert sample is not None
        rare = sample.rsplit("(", 1)[1].rstrip(")")
        matches = {q: len(page_list.find_pages(session, user, q=q, limit=200)[0])
                   for q in (COMMON_WORD, rare, PHRASE)}
    aeb = load_aeb_pages(data_dir(None, "aeb"))
    rnd = random.Random(7)

    def save(session, n):
        bench_page = aeb[n % len(aeb)]
        page_service.save_page(session, session.get(User, 1), bench_page.url, bench_page.html,
                               max_bytes=15 * 1024 * 1024)

    def first_50(session, _n):
        page_list.find_pages(session, session.get(User, 1), limit=50)

    def after_25000(session, _n):
        page_list.find_pages(session, session.get(User, 1), limit=50, cursor=cursor)

    def open_page(session, _n):
        page = page_service.get_page(session, session.get(User, 1), rnd.choice(ids))
        assert all(h.tags is not None for h in page.highlights)

    def searcher(q):
        return lambda session, _n: page_list.find_pages(session, session.get(User, 1), q=q, limit=50)

    def by_tag(session, _n):
        highlight_list.find_highlights(session, session.get(User, 1), tag="science", limit=50)

    ops = [*review_operations(ids[0] if ids else 1), ("save a page", save, ""), ("list first 50 pages", first_50, ""),
           (f"list 50 after item {nth:,}", after_25000, ""), ("open a page + highlights", open_page, ""),
           (f"search common word '{COMMON_WORD}'", searcher(COMMON_WORD), f"{matches[COMMON_WORD]}+ hits"),
           (f"search rare word '{rare}'", searcher(rare), f"{matches[rare]} hits"),
           (f"search phrase {PHRASE}", searcher(PHRASE), f"{matches[PHRASE]}+ hits"),
           ("list highlights by tag", by_tag, "")]
    return [(name, timed(engine, fn, repeat), note) for name, fn, note in ops]


def review_operations(page_id: int) -> list[tuple[str, object, str]]:
    """The daily review of user 1, as of REVIEW_NOW."""
    answered = []

    def session_of(**limits):
        def choose(session, _n):
            found = review_service.todays_review(session, session.get(User, 1), REVIEW_NOW, **limits)
            assert found.items or limits
        return choose

    def answer(session, n):
        found = review_service.todays_review(session, session.get(User, 1), REVIEW_NOW, limit=1)
        hid = found.items[0].highlight.id
        review_service.answer(session, session.get(User, 1), hid, "good", REVIEW_NOW + timedelta(seconds=n))
        answered.append(hid)

    def stats(session, _n):
        reading_service.reading_stats(session, session.get(User, 1), REVIEW_NOW)

    return [("choose the day's review (10)", session_of(), ""),
            ("choose the day's review, tag 'science'", session_of(tag="science"), ""),
            ("choose the day's review, one page", session_of(page_id=page_id), ""),
            ("choose + answer one highlight", answer, ""),
            ("reading statistics (/reading)", stats, "")]


def fill_review_only(url: str, highlights: int, pages: int = 1000) -> float:
    """User 1 with `highlights` highlights on `pages` short pages, their tags and review
    cards (and a second user with a few, so ownership filters matter)."""
    started = time.perf_counter()
    engine = make_engine(url)
    rnd = random.Random(11)
    body = "A short page about many things. " * 40
    with engine.begin() as conn:
        conn.execute(User.__table__.insert(), [dict(id=u, username=f"user{u}", created_at=START) for u in (1, 2)])
        conn.execute(Tag.__table__.insert(), [dict(id=(u - 1) * len(TAGS) + n + 1, user_id=u, name=t, key=t)
                                              for u in (1, 2) for n, t in enumerate(TAGS)])
        conn.execute(Page.__table__.insert(), [
            dict(id=p, user_id=1 if p <= pages else 2, url=f"https://example.com/{p}",
                 canonical_url=f"https://example.com/{p}", state="article", title=f"Page {p}", text=body,
                 html="", word_count=240, reading_minutes=1, highlight_count=0,
                 saved_at=START + timedelta(days=3 * 365 * p / (pages + 10)),
                 updated_at=START) for p in range(1, pages + 11)])
    total = highlights + 1000
    for lo in range(0, total, 10 * BATCH):
        hrow, htrow, rrow = [], [], []
        for i in range(lo, min(total, lo + 10 * BATCH)):
            hid, uid = i + 1, 1 if i < highlights else 2
            pid = 1 + i % pages if uid == 1 else pages + 1 + i % 10
            created = START + timedelta(days=3 * 365 * i / total)
            hrow.append(dict(id=hid, user_id=uid, page_id=pid, quote=body[40:120], prefix="", suffix="",
                             start=40, end=120, status="anchored", note="", color="yellow",
                             created_at=created, updated_at=created))
            rrow.append(review_row(rnd, hid, uid, created))
            if rnd.random() < 0.2:
                htrow.append(dict(highlight_id=hid, tag_id=(uid - 1) * len(TAGS) + rnd.randrange(len(TAGS)) + 1))
        with engine.begin() as conn:
            conn.execute(Highlight.__table__.insert(), hrow)
            conn.execute(HighlightReview.__table__.insert(), rrow)
            if htrow:
                conn.execute(highlight_tags.insert(), htrow)
        if (lo // (10 * BATCH)) % 10 == 0:
            print(f"  {lo:,} highlights in {time.perf_counter() - started:.0f} s", file=sys.stderr)
    with engine.begin() as conn:
        if engine.dialect.name == "postgresql":
            for table in ("users", "tags", "pages", "highlights"):
                conn.execute(text(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                                  f"(SELECT coalesce(max(id), 1) FROM {table}))"))
        conn.execute(text("ANALYZE"))
    engine.dispose()
    return time.perf_counter() - started


def database_size(engine, path: Path | None) -> int:
    if path is not None:
        raw = engine.raw_connection()  # outside a transaction, or the checkpoint cannot run
        try:
            raw.cursor().execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            raw.close()
        return path.stat().st_size
    with engine.connect() as conn:
        return conn.execute(text(
            "SELECT sum(pg_total_relation_size(c.oid)) FROM pg_class c "
            "JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'm')")).scalar()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", type=int, default=100_000)
    parser.add_argument("--highlights", type=int, default=1_000_000)
    parser.add_argument("--users", type=int, default=10)
    parser.add_argument("--repeat", type=int, default=40, help="timed runs per operation")
    parser.add_argument("--keep", action="store_true", help="keep the SQLite file / PostgreSQL schema")
    parser.add_argument("--review-only", action="store_true",
                        help="only the daily review: one user with --highlights highlights")
    add_data_option(parser)
    args = parser.parse_args()
    if args.review_only and "--pages" not in sys.argv:
        args.pages = 1000
    if not args.review_only:
        use_data(args.data, "aeb")
    if args.users < 2 or args.pages < 200:
        parser.error("need at least 2 users and 200 pages")

    base = os.environ.get("GLOSS_DATABASE_URL", "")
    schema, sqlite_path = None, None
    if base.startswith("postgresql"):
        schema = f"bench_store_{os.getpid()}_{secrets.token_hex(3)}"
        admin = make_engine(base)
        with admin.begin() as conn:
            conn.execute(text(f'CREATE SCHEMA "{schema}"'))
        admin.dispose()
        url = f"{base}{'&' if '?' in base else '?'}options=-csearch_path%3D{schema}"
    else:
        sqlite_path = REPO_ROOT / "bench" / "out" / "store.db"
        sqlite_path.parent.mkdir(parents=True, exist_ok=True)
        for suffix in ("", "-wal", "-shm"):
            Path(f"{sqlite_path}{suffix}").unlink(missing_ok=True)
        url = f"sqlite:///{sqlite_path}"
    try:
        engine = make_engine(url)
        upgrade(engine)
        engine.dispose()
        print(f"filling {engine.dialect.name}: {args.pages:,} pages, {args.highlights:,} highlights, "
              f"{2 if args.review_only else args.users} users ...", file=sys.stderr)
        if args.review_only:
            fill_s = fill_review_only(url, args.highlights, args.pages)
            args.users = 2
        else:
            fill_s = fill(url, args.pages, args.highlights, args.users)
        engine = make_engine(url)
        with engine.connect() as conn:
            counts = [conn.execute(text(f"SELECT count(*) FROM {t}")).scalar() for t in ("pages", "highlights")]
            mine = conn.execute(text("SELECT count(*) FROM highlights WHERE user_id = 1")).scalar()
        if args.review_only:
            results = [(name, timed(engine, fn, args.repeat), note)
                       for name, fn, note in review_operations(page_id=1)]
        else:
            results = operations(engine, args.pages, args.repeat)
        size = database_size(engine, sqlite_path)
        engine.dispose()
    finally:
        if schema and not args.keep:
            admin = make_engine(base)
            with admin.begin() as conn:
                conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
            admin.dispose()
    print(f"\n{engine.dialect.name}: {counts[0]:,} pages, {counts[1]:,} highlights, {args.users} users "
          f"{'' if args.review_only else '(user1 holds half)'}; fill {fill_s / 60:.1f} min; "
          f"database {size / 2**30:.2f} GiB")
    print(f"user1 holds {mine:,} highlights; the day's review is chosen as of {REVIEW_NOW:%Y-%m-%d}")
    print(f"{'operation (user1)':<40} {'p50 ms':>8} {'p95 ms':>8}  note")
    for name, times, note in results:
        print(f"{name:<40} {statistics.median(times):8.1f} {pct(times, 0.95):8.1f}  {note}")
    if sqlite_path and not args.keep:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{sqlite_path}{suffix}").unlink(missing_ok=True)


if __name__ == "__main__":
    main()
