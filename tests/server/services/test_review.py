"""The review service on the database with fixed clocks: the day's session (due first,
then new ones within the day's allowance), tag and page limits, favourites and
retiring; and the paragraph shown around a highlight."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from server.models import Highlight, HighlightReview, Page
from server.services import review
from server.services.tags import get_or_create_tags

MONDAY = datetime(2026, 3, 2, 9, 0, tzinfo=timezone.utc)
TEXT = "First paragraph about soil.\nSecond paragraph about water and light.\nThird about seeds."


@pytest.fixture()
def garden(session, alice):
    """Alice's page with six highlights, the first three tagged 'water'."""
    page = Page(user_id=alice.user.id, url="https://example.org/g", canonical_url="https://example.org/g",
                title="Garden", text=TEXT, html="")
    session.add(page)
    session.flush()
    made = []
    for n in range(6):
        start = TEXT.index("water")
        h = Highlight(user_id=alice.user.id, page_id=page.id, quote="water", start=start, end=start + 5,
                      prefix="", suffix="", created_at=MONDAY - timedelta(days=10 - n))
        if n < 3:
            h.tags = get_or_create_tags(session, alice.user, ["water"])
        session.add(h)
        made.append(h)
    session.flush()
    return page, made


def ids(found) -> list[int]:
    return [item.highlight.id for item in found.items]


def test_every_highlight_gets_a_new_card(session, garden):
    _page, made = garden
    cards = [session.get(HighlightReview, h.id) for h in made]
    assert all(c is not None and c.state == 0 and c.due is None and not c.retired for c in cards)


def test_due_first_then_new_ones_newest_first_within_the_days_allowance(session, alice, garden):
    _page, made = garden
    user = alice.user
    first = review.todays_review(session, user, MONDAY, limit=10, new_per_day=4)
    assert ids(first) == [h.id for h in reversed(made)][:4]  # newest first, four a day
    for item in first.items:
        review.answer(session, user, item.highlight.id, "again", MONDAY, fuzz=False)
    assert review.todays_review(session, user, MONDAY, new_per_day=4).items == []
    assert review.todays_review(session, user, MONDAY, new_per_day=6).new_left == 0
    tuesday = review.todays_review(session, user, MONDAY + timedelta(days=1), limit=5, new_per_day=4)
    # The four due ones come first (by due date, then id), then one new one fills the session.
    assert ids(tuesday)[:4] == sorted(ids(first)) and ids(tuesday)[4] == made[1].id
    assert tuesday.new_left == 3


def test_later_today_counts_as_today(session, alice, garden):
    _page, made = garden
    card = review.answer(session, alice.user, made[0].id, "again", MONDAY - timedelta(hours=2), fuzz=False)
    assert card.due == MONDAY + timedelta(hours=22)  # tomorrow, 07:00
    found = review.todays_review(session, alice.user, MONDAY + timedelta(days=1, hours=-8), new_per_day=0)
    assert ids(found) == [made[0].id]  # at 01:00 it is already in the day's review


def test_tag_and_page_limits(session, alice, bob, garden):
    page, made = garden
    tagged = review.todays_review(session, alice.user, MONDAY, tag="WATER")
    assert sorted(ids(tagged)) == sorted(h.id for h in made[:3])
    assert review.todays_review(session, alice.user, MONDAY, tag="nothing").items == []
    assert len(review.todays_review(session, alice.user, MONDAY, page_id=page.id).items) == 6
    with pytest.raises(review.NotFound):
        review.todays_review(session, bob.user, MONDAY, page_id=page.id)
    assert review.todays_review(session, bob.user, MONDAY).items == []


def test_favourites_come_back_sooner_and_retired_never(session, alice, garden):
    _page, made = garden
    review.set_flags(session, alice.user, made[0].id, favourite=True)
    review.set_flags(session, alice.user, made[1].id, retired=True)
    fav = review.answer(session, alice.user, made[0].id, "good", MONDAY, fuzz=False)
    plain = review.answer(session, alice.user, made[2].id, "good", MONDAY, fuzz=False)
    assert fav.due is not None and plain.due is not None and fav.due < plain.due
    later = review.todays_review(session, alice.user, MONDAY + timedelta(days=300), limit=50)
    assert made[1].id not in ids(later)
    with pytest.raises(review.NotFound):
        review.set_flags(session, alice.user, 10**9, retired=True)


def test_paragraph_around():
    start = TEXT.index("water")
    ctx = review.paragraph_around(TEXT, start, start + 5, "water")
    assert (ctx.before, ctx.quote, ctx.after) == ("Second paragraph about ", "water", " and light.")
    orphan = review.paragraph_around(TEXT, None, None, "gone", "before ", " after")
    assert (orphan.before, orphan.quote, orphan.after) == ("before ", "gone", " after")
    long = "word " * 400
    cut = review.paragraph_around(long + "X" + long, 2000, 2001, "X", most=100)
    assert cut.before.startswith("…") and cut.after.endswith("…") and len(cut.before) <= 101
