"""Full-text search through the list-or-search services: ranking, phrases, prefixes,
stemming, filters, snippets, other users' pages, cursors, and input that must never
become a syntax error. Runs on SQLite and on PostgreSQL."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone
from urllib.parse import quote

import pytest
from server.errors import BadRequest, NotFound
from server.services import highlight_list, page_list
from server.services import highlights as highlight_service
from server.services.search_query import parse
from tests.server.services.search.support import FILLER, add_page, found

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
    hl, _ = highlight_list.find_highlights(session, alice, q="glacier")
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
    (item,), _ = page_list.find_pages(session, alice, q="otter river")
    snippet, matches = item.snippet or "", item.snippet_matches or []
    assert "\n" not in snippet and "otters" in snippet
    assert [snippet[s:e] for s, e in matches] == ["otters", "river"]
    assert len(snippet) < 300


def test_snippet_from_a_note_when_the_text_lacks_the_word(session, users):
    alice, _ = users
    page = add_page(session, alice, "Budget", FILLER * 2)
    h = highlight_service.create_highlight(session, alice, page.id, quote="the coming season")
    highlight_service.update_highlight(session, alice, h.id, note="ask Marguerite about this")
    (item,), _ = page_list.find_pages(session, alice, q="marguerite")
    snippet, matches = item.snippet or "", item.snippet_matches or []
    assert [snippet[s:e] for s, e in matches] == ["Marguerite"]


def test_cursor_walks_ranked_results_without_repeats(session, users):
    alice, _ = users
    for i in range(7):
        add_page(session, alice, f"Page {i}", FILLER + " comet" * (i + 1))
    everything = found(session, alice, "comet", limit=50)
    walked, cursor = [], None
    while True:
        items, cursor = page_list.find_pages(session, alice, q="comet", limit=3, cursor=cursor)
        walked += [item.page.title for item in items]
        if cursor is None:
            break
    assert walked == everything and len(walked) == 7
    with pytest.raises(BadRequest):
        page_list.find_pages(session, alice, q="comet", cursor="bm90IGEgY3Vyc29y")


def test_highlight_search_filters(session, users):
    alice, bob = users
    page = add_page(session, alice, "Budget", FILLER * 2)
    a = highlight_service.create_highlight(session, alice, page.id, quote="the coming season",
                                           note="quartz", color="blue")
    highlight_service.create_highlight(session, alice, page.id, quote="the venue", note="quartz")
    def hits(**kw):
        return [h.id for h in highlight_list.find_highlights(session, alice, q="quartz", **kw)[0]]

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
    page = add_page(session, alice, "Budget", FILLER)
    highlight_service.create_highlight(session, alice, page.id, quote="the coming season", note="catering")
    assert found(session, alice, q[:500]) in ([], ["Budget"])
    assert len(highlight_list.find_highlights(session, alice, q=q[:500])[0]) <= 1


@pytest.mark.parametrize("q", [q for q in NASTY if parse(q).empty])
def test_input_without_words_leaves_the_words_beside_it_alone(session, users, q):
    alice, _ = users
    page = add_page(session, alice, "Budget", FILLER)
    h = highlight_service.create_highlight(session, alice, page.id, quote="the coming season", note="catering")
    assert found(session, alice, f"{q} committee {q}") == ["Budget"]
    assert [x.id for x in highlight_list.find_highlights(session, alice, q=f"{q} catering {q}")[0]] == [h.id]


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





