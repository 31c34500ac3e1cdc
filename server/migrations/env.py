"""Alembic environment: runs on the connection handed over by server.db.upgrade,
or on GLOSS_DATABASE_URL when called from the alembic command line."""
from alembic import context

from server import models  # noqa: F401  (registers the tables on the metadata)
from server.db import Base, make_engine

target_metadata = Base.metadata


# The full-text index tables are made by raw SQL per backend (0002, 0010), not by the models.
SEARCH_TABLES = ("page_search", "page_notes_search", "highlight_search")


def include_object(obj, name, type_, reflected, compare_to) -> bool:
    return not (type_ == "table" and name and name.startswith(SEARCH_TABLES))


def run(connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        include_object=include_object,
        render_as_batch=connection.dialect.name == "sqlite",
    )
    with context.begin_transaction():
        context.run_migrations()


connection = context.config.attributes.get("connection")
if connection is not None:
    run(connection)
else:
    from server.config import from_environment

    with make_engine(from_environment()["DATABASE_URL"]).begin() as conn:
        run(conn)
