"""The embedded database and the generated secret are private to the account that runs Gloss."""
from __future__ import annotations

import stat

from sqlalchemy import text

from server import config
from server.db import make_engine


def mode(path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_a_new_sqlite_database_and_its_folder_are_private(tmp_path):
    path = tmp_path / "instance" / "gloss.db"
    engine = make_engine(f"sqlite:///{path}")
    with engine.begin() as conn:
        conn.execute(text("CREATE TABLE notes (body TEXT)"))
        conn.execute(text("INSERT INTO notes VALUES ('private')"))
    try:
        assert mode(path.parent) == 0o700
        assert mode(path) == 0o600
        for companion in (path.with_name("gloss.db-wal"), path.with_name("gloss.db-shm")):
            if companion.exists():
                assert mode(companion) == 0o600, companion
    finally:
        engine.dispose()


def test_the_generated_secret_key_and_its_folder_are_private(tmp_path, monkeypatch):
    monkeypatch.delenv("GLOSS_SECRET_KEY", raising=False)
    monkeypatch.setenv("GLOSS_INSTANCE_DIR", str(tmp_path / "fresh"))
    key = config.from_environment()["SECRET_KEY"]
    assert len(key) == 64
    assert mode(tmp_path / "fresh") == 0o700
    assert mode(tmp_path / "fresh" / "secret_key") == 0o600
