"""The `gloss` command line: users and tokens, re-extraction, migrations."""
import os
import subprocess
import sys

import pytest
from alembic.script import ScriptDirectory
from sqlalchemy import func, select, text

from server.models import Highlight, Page, User
from server.services.auth import digest
from server.models import ApiToken
from server.db import alembic_config
from tests.conftest import SEED_URL, Database


@pytest.fixture()
def runner(app, session):
    return app.test_cli_runner()


def test_user_create_prints_token_last(runner, session, monkeypatch):
    monkeypatch.setenv("GLOSS_PASSWORD", "a long password")
    result = runner.invoke(args=["user", "create", "carol"])
    assert result.exit_code == 0, result.output
    token = result.stdout.strip().splitlines()[-1]
    user = session.scalar(select(User).where(User.username == "carol"))
    assert session.scalar(select(ApiToken).where(ApiToken.digest == digest(token))).user_id == user.id


def test_user_create_rejects_duplicates_and_short_passwords(runner, monkeypatch, alice):
    monkeypatch.setenv("GLOSS_PASSWORD", "a long password")
    result = runner.invoke(args=["user", "create", "ALICE"])
    assert result.exit_code != 0 and "taken" in result.output
    monkeypatch.setenv("GLOSS_PASSWORD", "short")
    result = runner.invoke(args=["user", "create", "dave"])
    assert result.exit_code != 0 and "8 characters" in result.output


def test_reextract_all_keeps_highlights_anchored(runner, alice, session, seed_html):
    page = alice.save(SEED_URL, seed_html).json
    text = page["text"]
    q = text[200:260]
    alice.post(f"/api/v1/pages/{page['id']}/highlights", json={"quote": q, "start": 200, "end": 260})
    # simulate an older extraction: the text drifted from what the stored HTML gives
    stored = session.get(Page, page["id"])
    stored.text = "Old preface paragraph.\n\n" + stored.text
    h = session.scalar(select(Highlight).where(Highlight.page_id == page["id"]))
    h.start, h.end = h.start + 24, h.end + 24
    session.commit()
    result = runner.invoke(args=["pages", "reextract", "--all"])
    assert result.exit_code == 0, result.output
    assert "re-extracted 1 page" in result.output
    session.expire_all()
    stored = session.get(Page, page["id"])
    assert stored.text == text
    h = session.scalar(select(Highlight).where(Highlight.page_id == page["id"]))
    assert (h.status, h.start, h.end) == ("anchored", 200, 260)


def test_reextract_needs_ids_or_all(runner):
    assert runner.invoke(args=["pages", "reextract"]).exit_code != 0


def test_servers_starting_together_migrate_one_after_the_other(tmp_path):
    """Several app servers may start at once on a new database: each runs the migrations."""
    db = Database(tmp_path, migrate=False)
    try:
        env = dict(os.environ, GLOSS_DATABASE_URL=db.url, GLOSS_INSTANCE_DIR=str(tmp_path))
        runs = [subprocess.Popen([sys.executable, "-m", "server", "migrate"], env=env, text=True,
                                 stdout=subprocess.PIPE, stderr=subprocess.STDOUT) for _ in range(3)]
        outputs = [run.communicate(timeout=120)[0] for run in runs]
        assert [run.returncode for run in runs] == [0, 0, 0], outputs
        head = ScriptDirectory.from_config(alembic_config()).get_current_head()
        with db.engine.connect() as conn:
            assert conn.execute(text("SELECT version_num FROM alembic_version")).scalars().all() == [head]
            assert conn.execute(text("SELECT count(*) FROM pages")).scalar() == 0
    finally:
        db.drop()


def test_import_works_on_its_job_with_a_progress_bar(runner, alice, session, tmp_path):
    export = tmp_path / "pocket.csv"
    export.write_text("title,url,time_added,tags,status\n"
                      + "".join(f"Item {n},https://example.org/{n},{1700000000 + n},a|b,unread\n" for n in range(60)))
    result = runner.invoke(args=["import", str(export), "--user", "alice"])
    assert result.exit_code == 0, result.output
    assert "Imported a Pocket export into alice's library: 60 pages added, 0 updated, 0 highlights." in result.stdout
    assert "importing" in result.stderr and "60/60" in result.stderr
    assert session.scalar(select(func.count()).select_from(Page).where(Page.user_id == alice.user.id)) == 60


def test_import_of_an_unreadable_file_imports_nothing(runner, alice, tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "gloss-export", "version": 1, "pages": [{"url": 5}]}')
    result = runner.invoke(args=["import", str(bad), "--user", "alice"])
    assert result.exit_code != 0 and "Nothing was imported" in result.output


def test_import_can_leave_the_work_to_the_workers(runner, alice, tmp_path):
    export = tmp_path / "pocket.csv"
    export.write_text("title,url\nOne,https://example.org/one\n")
    result = runner.invoke(args=["import", str(export), "--user", "alice", "--no-wait"])
    assert result.exit_code == 0 and "queued import job" in result.output


def test_reextract_all_says_why_pages_were_kept(runner, alice, session, seed_html):
    from server.models import PageVersion
    from server.services.compression import compress_html

    kept_bare = alice.save("https://example.org/bare", seed_html).json["id"]
    kept_empty = alice.save("https://example.org/empty", seed_html).json["id"]
    alice.save(SEED_URL, seed_html)
    session.execute(PageVersion.__table__.delete().where(PageVersion.page_id == kept_bare))
    session.execute(PageVersion.__table__.update().where(PageVersion.page_id == kept_empty)
                    .values(source_html=compress_html("<html><body><nav>Menu</nav></body></html>")))
    session.commit()
    result = runner.invoke(args=["pages", "reextract", "--all"])
    assert result.exit_code == 0, result.output
    assert "re-extracted 1 page(s); kept 2 as they were" in result.stdout
    assert "1 kept because no original HTML is stored for it" in result.stdout
    assert "1 kept because its stored HTML holds no article" in result.stdout


def test_help_lists_gloss_commands_without_flask_options():
    from click.testing import CliRunner

    from flask.cli import ScriptInfo

    from server import create_app
    from server.cli import main

    result = CliRunner().invoke(main, ["--help"], obj=ScriptInfo(create_app=create_app))
    assert result.exit_code == 0, result.output
    for command in ("serve", "worker", "migrate", "user", "pages", "import"):
        assert f"\n  {command} " in result.output
    for flask_option in ("--env-file", "--app", "--debug", "FLASK"):
        assert flask_option not in result.output


def test_the_console_command_builds_the_app_itself(tmp_path):
    """`python -m server` (what the `gloss` script runs) with no Flask app named anywhere."""
    db = Database(tmp_path, migrate=False)
    try:
        env = {key: value for key, value in os.environ.items() if not key.startswith("FLASK_")}
        env.update(GLOSS_DATABASE_URL=db.url, GLOSS_INSTANCE_DIR=str(tmp_path), GLOSS_PASSWORD="a long password")
        made = subprocess.run([sys.executable, "-m", "server", "user", "create", "erin"], env=env, cwd=tmp_path,
                              capture_output=True, text=True, timeout=120)
        assert made.returncode == 0, made.stderr
        token = made.stdout.strip().splitlines()[-1]
        with db.engine.connect() as conn:
            assert conn.execute(select(ApiToken.user_id).where(ApiToken.digest == digest(token))).scalar()
    finally:
        db.drop()


def test_import_progress_counts_items(runner, alice, tmp_path):
    export = tmp_path / "pocket.csv"
    export.write_text("title,url\n" + "".join(f"Item {n},https://example.org/{n}\n" for n in range(7)))
    result = runner.invoke(args=["import", str(export), "--user", "alice"])
    assert result.exit_code == 0, result.output
    assert "7/7" in result.stderr and "item" in result.stderr
    assert "B/s" not in result.stderr and "kB" not in result.stderr


def _omnivore_zip(path):
    import json
    import zipfile

    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("metadata_0_to_1.json", json.dumps([
            {"slug": "one", "url": "https://example.org/one", "title": "One", "savedAt": "2024-01-02T03:04:05Z"}]))
    return path


@pytest.mark.parametrize(("name", "fmt", "said"), [
    ("omnivore.zip", "pocket", "This looks like an Omnivore export, not a Pocket one."),
    ("pocket.csv", "omnivore", "This looks like a Pocket export, not an Omnivore one."),
    ("gloss.json", "hypothesis", "This looks like a Gloss export, not a Hypothesis one."),
])
def test_import_names_the_kind_of_file_it_was_given(runner, alice, tmp_path, name, fmt, said):
    path = tmp_path / name
    if name.endswith(".zip"):
        _omnivore_zip(path)
    elif name.endswith(".csv"):
        path.write_text("title,url\nOne,https://example.org/one\n")
    else:
        path.write_text('{"format": "gloss-export", "version": 2, "pages": []}')
    result = runner.invoke(args=["import", str(path), "--user", "alice", "--format", fmt])
    assert result.exit_code != 0
    assert f"Error: {said} Nothing was imported." in result.output


def test_import_of_a_file_of_another_kind_says_so_in_a_sentence(runner, alice, tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("just some notes\n")
    result = runner.invoke(args=["import", str(path), "--user", "alice"])
    assert result.exit_code != 0
    assert ("Error: This is not a file Gloss can import: it takes a Gloss JSON export, or an Omnivore, "
            "Hypothesis or Pocket export. Nothing was imported.") in result.output
