"""Engine and session for the configured database, and the declarative base.

One engine per app; `db_session` is the thread's session (a scoped session),
ended by `remove_session()` at the end of each request. Migrations (Alembic)
create the schema: `upgrade(engine)`.

Where transactions end: services flush, the edge commits. A view, a CLI command or a
job task commits once the service calls it made have succeeded; when one raises,
nothing is committed (the request's session is rolled back when it is removed). The
exceptions are the services that must end transactions while they work, because they
wait on another site or work in batches, or because other workers must see their
writes at once (fetching a link, caching an image, re-sanitizing stored HTML, a job's
claim, requeue and finish): each says "Commits" in its docstring. A failed sign-in
commits its failure records and nothing else (`server.caller.check_sign_in`).
"""
from __future__ import annotations

import os
from contextvars import ContextVar
from pathlib import Path
from typing import ClassVar, cast

from sqlalchemy import MetaData, Table, create_engine, event, text
from sqlalchemy.engine import CursorResult, Engine
from sqlalchemy.orm import DeclarativeBase, Session, scoped_session, sessionmaker

# Key of the PostgreSQL advisory lock held while migrating (any constant of our own).
MIGRATION_LOCK = 0x6C055

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    __table__: ClassVar[Table]  # every model maps one table (typed FromClause by default)


# Whether this context's transactions may write. On SQLite a transaction that may write
# takes the write lock when it begins (BEGIN IMMEDIATE): one that read first and wrote
# later could find its snapshot stale and fail at once instead of waiting its turn. A
# read-only one begins deferred and, in WAL mode, never waits for a writer.
may_write: ContextVar[bool] = ContextVar("gloss_may_write", default=True)

SessionFactory = sessionmaker(expire_on_commit=False)
_scoped_session = scoped_session(SessionFactory)
# The current thread's Session: the scoped registry proxies every Session method to it, so
# services that take a `Session` accept it.
db_session = cast(Session, _scoped_session)


def remove_session() -> None:
    """Closes the current thread's session; the next use of `db_session` begins a new one."""
    _scoped_session.remove()


def is_sqlite(engine: Engine) -> bool:
    return engine.dialect.name == "sqlite"


def make_engine(url: str, **kwargs) -> Engine:
    if url.startswith("sqlite"):
        path = url.split("///", 1)[-1].split("?", 1)[0]
        if path and path != ":memory:" and not path.startswith("file:"):
            _private_file(Path(path))
        engine = create_engine(url, connect_args={"timeout": 30}, **kwargs)
        event.listen(engine, "connect", _sqlite_pragmas)
        # Let SQLAlchemy own transaction starts, so SAVEPOINTs and BEGIN IMMEDIATE work.
        event.listen(engine, "begin", _sqlite_begin)
        return engine
    engine = create_engine(url, pool_pre_ping=True, **kwargs)
    if engine.dialect.name == "postgresql":
        event.listen(engine, "connect", _postgresql_settings)
    return engine


def _private_file(path: Path) -> None:
    """The database file (and the folders made for it) readable by its owner only: it holds
    everyone's pages and notes. SQLite gives its -wal and -shm files the same mode."""
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    os.close(os.open(path, os.O_WRONLY | os.O_CREAT, 0o600))


def _sqlite_begin(conn) -> None:
    conn.exec_driver_sql("BEGIN IMMEDIATE" if may_write.get() else "BEGIN")


def _sqlite_pragmas(dbapi_conn, _record):
    dbapi_conn.isolation_level = None
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.execute("PRAGMA busy_timeout=30000")
    cur.close()


def _postgresql_settings(dbapi_conn, _record):
    # Article text and reader HTML are stored compressed (TOAST); lz4 costs the server a
    # fraction of the default pglz's time, and values read back the same. Only where the
    # server was built with it (PostgreSQL 14+).
    with dbapi_conn.cursor() as cur:
        cur.execute("SELECT 'lz4' = ANY(enumvals) FROM pg_settings WHERE name = 'default_toast_compression'")
        row = cur.fetchone()
        if row and row[0]:
            cur.execute("SET default_toast_compression = lz4")
    dbapi_conn.commit()


def alembic_config(connection=None):
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(Path(__file__).parent / "migrations"))
    if connection is not None:
        cfg.attributes["connection"] = connection
    return cfg


def upgrade(bind, revision: str = "head") -> None:
    """Bring the schema up to date (the only way tables are created).

    `bind` is an Engine (migrated in a transaction of its own) or a Connection
    (migrated inside the caller's transaction)."""
    from alembic import command

    if isinstance(bind, Engine):
        with bind.begin() as conn:
            _one_migrator_at_a_time(conn)
            command.upgrade(alembic_config(conn), revision)
    else:
        _one_migrator_at_a_time(bind)
        command.upgrade(alembic_config(bind), revision)


def _one_migrator_at_a_time(conn) -> None:
    """Servers starting together migrate one after the other; the later ones find the
    schema current. PostgreSQL: a transaction-scoped advisory lock. SQLite's write
    transactions (BEGIN IMMEDIATE) already queue behind each other."""
    if conn.dialect.name == "postgresql":
        conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK})


def rowcount(result: object) -> int:
    """The rows an UPDATE or DELETE matched: `Session.execute` answers it a CursorResult, typed
    as a plain Result."""
    assert isinstance(result, CursorResult)
    return result.rowcount
