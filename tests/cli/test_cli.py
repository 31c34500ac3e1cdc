"""The `gloss` command line: users and tokens, re-extraction."""
import pytest
from sqlalchemy import select

from server.models import Highlight, Page, User
from server.services.auth import digest
from server.models import ApiToken
from tests.conftest import SEED_URL


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
