"""Full-text search: ranking, phrases, prefixes, stemming, filters, snippets,
other users' pages, the index kept in step with writes, cursors, and input
that must never become a syntax error. Runs on SQLite and on PostgreSQL."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone
from urllib.parse import quote

import pytest
from sqlalchemy import text
from sqlalchemy.orm import Session

from server.db import upgrade
from server.errors import BadRequest, NotFound
from server.models import Page, User, utcnow
from server.services import highlights as highlight_service
from server.services import pages as page_service
from server.services import search
from server.services import tags as tag_service
from server.services.search_query import parse, to_fts5, to_tsquery_text
from tests.conftest import Database

FILLER = ("The committee met on Tuesday to review the budget for the coming season. "
          "Members discussed the schedule, the venue and the catering at some length. ")


def add_page(session, user, title, text, *, language="en", tags=(), saved_at=None, read=False):
    n = session.query(Page).count()
    url = f"https://example.org/{n}/{abs(hash(title)) % 10**8}"
    page = Page(user_id=user.id, url=url, canonical_url=url, title=title, text=text,
                html="".join(f"<p>{p}</p>" for p in text.split("\n\n")), language=language,
                word_count=len(text.split()), reading_minutes=1, saved_at=saved_at or utcnow(),
                read_at=utcnow() if read else None)
    session.add(page)
    session.flush()
    if tags:
        page_service.set_page_tags(session, user, page.id, list(tags))
    else:
        search.index_page(session, page)
    return page


def found(session, user, q, **kw):
    pages, _cursor = search.search_pages(session, user, q=q, **kw)
    return [p.title for p in pages]


@pytest.fixture()
def users(alice, bob):
    return alice.user, bob.user


def test_title_match_ranks_above_passing_mention(session, users):
    alice, _ = users
    add_page(session, alice, "Notes from the meeting", FILLER * 3 + "Someone mentioned a glacier once.")
    add_page(session, alice, "Glacier retreat in the Alps", FILLER * 3)
    add_page(session, alice, "Unrelated", FILLER * 3)
    assert found(session, alice, "glacier") == ["Glacier retreat in the Alps", "Notes from the meeting"]


def test_phrase_needs_adjacent_words(session, users):
    alice, _ = users
    add_page(session, alice, "Adjacent", FILLER + "The solar panel array was installed on the roof.")
    add_page(session, alice, "Apart", FILLER + "The panel was happy; solar power is cheap.")
    assert found(session, alice, '"solar panel"') == ["Adjacent"]
    assert sorted(found(session, alice, "solar panel")) == ["Adjacent", "Apart"]


def test_prefix_and_stemmed_words(session, users):
    alice, _ = users
    add_page(session, alice, "Plants", FILLER + "Photosynthesis turns light into sugar over the years.")
    assert found(session, alice, "photosynth*") == ["Plants"]
    assert found(session, alice, "year") == ["Plants"]
    assert found(session, alice, "photosynth") == []


def test_all_words_must_match_unless_or(session, users):
    alice, _ = users
    add_page(session, alice, "Cats", FILLER + "A cat sleeps.")
    add_page(session, alice, "Dogs", FILLER + "A dog barks.")
    assert found(session, alice, "cat dog") == []
    assert sorted(found(session, alice, "cat OR dog")) == ["Cats", "Dogs"]
    assert found(session, alice, "committee -dog") == ["Cats"]


def test_language_stemming_where_the_backend_has_it(session, users, database):
    """PostgreSQL stems with the page's language; FTS5 stems English only, so a
    German inflection is found there by its exact form and by prefix."""
    alice, _ = users
    add_page(session, alice, "Wohnen", "Die Häuser der Stadt sind alt und die Mieten steigen.", language="de")
    if database.kind == "postgresql":
        assert found(session, alice, "Haus") == ["Wohnen"]
    else:
        assert found(session, alice, "Haus") == []
    assert found(session, alice, "Häuser") == ["Wohnen"]
    assert found(session, alice, "Mieten") == ["Wohnen"]


def test_other_users_pages_never_appear(session, users):
    alice, bob = users
    add_page(session, bob, "Bob's glacier", FILLER + "glacier glacier")
    add_page(session, alice, "Alice's page", FILLER)
    assert found(session, alice, "glacier") == []
    for q in ["u*", f"u{bob.id}", f"~u{bob.id}", "p*", "committee", "b*"]:
        assert "Bob's glacier" not in found(session, alice, q), q
    hl, _ = search.search_highlights(session, alice, q="glacier")
    assert hl == []


def test_filters_combine_with_search(session, users):
    alice, _ = users
    old = datetime(2020, 5, 1, tzinfo=timezone.utc)
    add_page(session, alice, "Tagged", FILLER + "volcano", tags=["geology"])
    add_page(session, alice, "Read", FILLER + "volcano", read=True)
    add_page(session, alice, "Old", FILLER + "volcano", saved_at=old)
    marked = add_page(session, alice, "Highlighted", FILLER + "volcano eruption")
    highlight_service.create_highlight(session, alice, marked.id, quote="volcano eruption")
    assert found(session, alice, "volcano", tag="geology") == ["Tagged"]
    assert found(session, alice, "volcano", tag="nope") == []
    assert found(session, alice, "volcano", read=True) == ["Read"]
    assert found(session, alice, "volcano", has_highlights=True) == ["Highlighted"]
    assert "Highlighted" not in found(session, alice, "volcano", has_highlights=False)
    assert found(session, alice, "volcano", saved_before=old + timedelta(days=1)) == ["Old"]
    assert "Old" not in found(session, alice, "volcano", saved_after=old + timedelta(days=1))


def test_snippet_is_plain_text_with_match_offsets(session, users):
    alice, _ = users
    text = FILLER * 4 + "In the end the <b>otters</b> returned to the river.\n\nThen " + FILLER
    add_page(session, alice, "Otters", text)
    (page,), _ = search.search_pages(session, alice, q="otter river")
    # The snippet and its matches are attributes search sets on each Page it answers.
    assert "\n" not in page.snippet and "otters" in page.snippet  # type: ignore[attr-defined]
    marked = [page.snippet[s:e] for s, e in page.snippet_matches]  # type: ignore[attr-defined]
    assert marked == ["otters", "river"]
    assert len(page.snippet) < 300  # type: ignore[attr-defined]


def test_snippet_from_a_note_when_the_text_lacks_the_word(session, users):
    alice, _ = users
    page = add_page(session, alice, "Budget", FILLER * 2)
    h = highlight_service.create_highlight(session, alice, page.id, quote="the coming season")
    highlight_service.update_highlight(session, alice, h.id, note="ask Marguerite about this")
    (hit,), _ = search.search_pages(session, alice, q="marguerite")
    assert [hit.snippet[s:e] for s, e in hit.snippet_matches] == ["Marguerite"]  # type: ignore[attr-defined]


def test_index_follows_highlight_tag_and_page_writes(session, users):
    alice, _ = users
    page = add_page(session, alice, "Budget", FILLER * 2)
    h = highlight_service.create_highlight(session, alice, page.id, quote="the coming season",
                                           tags=["finance"])
    highlight_service.update_highlight(session, alice, h.id, note="zeppelin")
    assert found(session, alice, "zeppelin") == ["Budget"]
    assert found(session, alice, "finance") == ["Budget"]
    hl, _ = search.search_highlights(session, alice, q="zeppelin")
    assert [x.id for x in hl] == [h.id]
    highlight_service.update_highlight(session, alice, h.id, note="blimp")
    assert found(session, alice, "zeppelin") == []
    assert search.search_highlights(session, alice, q="zeppelin")[0] == []
    highlight_service.delete_highlight(session, alice, h.id)
    assert found(session, alice, "blimp") == []
    page_service.set_page_tags(session, alice, page.id, ["astronomy"])
    assert found(session, alice, "astronomy") == ["Budget"]
    page_service.delete_page(session, alice, page.id)
    assert found(session, alice, "astronomy") == []


def test_tag_rename_reindexes_pages_that_carry_it(session, users):
    alice, _ = users
    page = add_page(session, alice, "Budget", FILLER, tags=["drafts"])
    tag = tag_service.find_tag(session, alice, "drafts")
    assert tag is not None
    affected = search.pages_with_tag(session, tag.id)
    tag_service.rename_tag(session, alice, "drafts", "published")
    search.reindex_pages(session, affected)
    assert affected == [page.id]
    assert found(session, alice, "published") == ["Budget"]
    assert found(session, alice, "drafts") == []


def test_cursor_walks_ranked_results_without_repeats(session, users):
    alice, _ = users
    for i in range(7):
        add_page(session, alice, f"Page {i}", FILLER + " comet" * (i + 1))
    everything = found(session, alice, "comet", limit=50)
    walked, cursor = [], None
    while True:
        pages, cursor = search.search_pages(session, alice, q="comet", limit=3, cursor=cursor)
        walked += [p.title for p in pages]
        if cursor is None:
            break
    assert walked == everything and len(walked) == 7
    with pytest.raises(BadRequest):
        search.search_pages(session, alice, q="comet", cursor="bm90IGEgY3Vyc29y")


def test_highlight_search_filters(session, users):
    alice, bob = users
    page = add_page(session, alice, "Budget", FILLER * 2)
    a = highlight_service.create_highlight(session, alice, page.id, quote="the coming season",
                                           note="quartz", color="blue")
    highlight_service.create_highlight(session, alice, page.id, quote="the venue", note="quartz")
    def hits(**kw):
        return [h.id for h in search.search_highlights(session, alice, q="quartz", **kw)[0]]
    assert len(hits()) == 2
    assert hits(color="blue") == [a.id]
    assert hits(status="orphaned") == []
    assert len(hits(page_id=page.id)) == 2
    other = add_page(session, bob, "Bob's", FILLER)
    with pytest.raises(NotFound):
        hits(page_id=other.id)


NASTY = ['"', '""', "AND", "OR", "NOT", "*", "(", ")", "title:x", "{title}: x", "NEAR(a b)", "^a",
         "'; DROP TABLE pages; --", "-", "--", "a OR", "OR b", "!!", "a & b | !c", "x:*", "\\",
         "\x00", "💥", "a" * 600, '"unclosed phrase', "-\"neg phrase\"", "u1", "é*", "__", "'"]


@pytest.mark.parametrize("q", NASTY)
def test_any_input_gives_a_valid_query(session, users, q):
    alice, _ = users
    add_page(session, alice, "Budget", FILLER)
    search.search_pages(session, alice, q=q[:500])
    search.search_highlights(session, alice, q=q[:500])


def test_api_search_answers_items_with_snippets(alice, session):
    add_page(session, alice.user, "Glacier", FILLER + "The glacier melts.")
    session.commit()
    resp = alice.get("/api/v1/pages?q=glacier")
    assert resp.status_code == 200
    (item,) = resp.json["items"]
    assert item["title"] == "Glacier" and "text" not in item
    s, e = item["snippet_matches"][0]
    assert item["snippet"][s:e] == "glacier"
    for q in NASTY[:-1]:
        # A NUL byte is refused wherever it comes (no text field may hold it).
        expected = 400 if "\x00" in q else 200
        assert alice.get("/api/v1/pages?q=" + quote(q[:500])).status_code == expected, q
        assert alice.get("/api/v1/highlights?q=" + quote(q[:500])).status_code == expected, q


def test_parser_quotes_everything():
    query = parse('"solar pan" OR wind* -coal')
    assert to_fts5(query) == '(("solar pan" OR "wind" *)) NOT ("coal")'
    assert to_tsquery_text(query) == "((('solar' <-> 'pan') | ('wind':*))) & !(('coal'))"
    assert parse("!!! ***").empty


def test_migration_indexes_pages_saved_before_it(tmp_path):
    """Upgrading a database that already holds pages makes them searchable (rows written
    as revision 0001 had them: the migration reads its own table definitions)."""
    db = Database(tmp_path, migrate=False)
    try:
        upgrade(db.engine, "0001")
        now = datetime.now(timezone.utc)
        with db.engine.begin() as conn:
            conn.execute(text("INSERT INTO users (id, username, created_at) VALUES (1, 'old', :now)"), {"now": now})
            conn.execute(text(
                "INSERT INTO pages (id, user_id, url, canonical_url, state, title, word_count, reading_minutes, "
                "text, html, progress, highlight_count, saved_at, updated_at) VALUES (7, 1, 'https://e.org/', "
                "'https://e.org/', 'article', 'Before search', 5, 1, 'An archipelago of small islands.', "
                "'<p>An archipelago of small islands.</p>', 0, 1, :now, :now)"), {"now": now})
            conn.execute(text(
                "INSERT INTO highlights (id, user_id, page_id, quote, prefix, suffix, start, \"end\", status, "
                "note, color, created_at, updated_at) VALUES (3, 1, 7, 'small islands', '', '', 17, 30, "
                "'anchored', 'volcanic origin', 'yellow', :now, :now)"), {"now": now})
            conn.execute(text("INSERT INTO tags (id, user_id, name, key) VALUES (5, 1, 'Geography', 'geography')"))
            conn.execute(text("INSERT INTO highlight_tags (highlight_id, tag_id) VALUES (3, 5)"))
        upgrade(db.engine)
        with Session(db.engine) as s:
            user = s.query(User).one()
            for q in ("archipelago", "volcanic", "geography"):
                pages, _ = search.search_pages(s, user, q=q)
                assert [p.title for p in pages] == ["Before search"], q
            found, _ = search.search_highlights(s, user, q="volcanic")
            assert [h.id for h in found] == [3]
    finally:
        db.drop()
