"""One backend object per database, chosen once by the dialect of a session or connection."""
from __future__ import annotations

from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

from .backend import SearchBackend
from .postgresql import PostgresBackend
from .sqlite import Fts5Backend

_BACKENDS: dict[str, SearchBackend] = {"sqlite": Fts5Backend(), "postgresql": PostgresBackend()}


def backend_for(connection: Session | Connection) -> SearchBackend:
    """The backend of the database behind a session or connection."""
    bind = connection if isinstance(connection, Connection) else connection.get_bind()  # a (scoped) session
    return _BACKENDS[bind.dialect.name]
