"""Scheduling through FSRS with fixed clocks: answers, favourites, the day's bounds."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import TypeVar

import pytest

from server import scheduling
from server.scheduling import CardState, answer

NOW = datetime(2026, 3, 2, 9, 30, tzinfo=timezone.utc)
T = TypeVar("T")


def known(value: T | None) -> T:
    """A field every answered card has (a new card has none)."""
    assert value is not None
    return value


def test_good_comes_back_later_than_again_and_easy_latest():
    due = {r: known(answer(CardState(), r, NOW, fuzz=False).due) for r in ("again", "hard", "good", "easy")}
    assert NOW < due["again"] <= due["hard"] < due["good"] < due["easy"]
    # A daily review: even "again" is tomorrow, never minutes later.
    assert due["again"] - NOW == timedelta(days=1)
    assert due["again"] >= scheduling.day_end(NOW)


def test_intervals_grow_with_each_good_answer_and_shrink_after_a_lapse():
    card, when, gaps = CardState(), NOW, []
    for _ in range(4):
        card = answer(card, "good", when, fuzz=False)
        gaps.append(known(card.due) - when)
        when = known(card.due)
    assert gaps == sorted(gaps) and gaps[-1] > gaps[0] * 4
    lapsed = answer(card, "again", when, fuzz=False)
    kept = answer(card, "good", when, fuzz=False)
    assert known(lapsed.due) - when < known(kept.due) - when
    assert known(lapsed.stability) < known(card.stability) < known(kept.stability)
    assert lapsed.state == scheduling.State.Relearning or lapsed.state == scheduling.State.Review


def test_favourites_come_back_sooner_for_the_same_answers():
    plain, fav, when_p, when_f = CardState(), CardState(), NOW, NOW
    for rating in ("good", "good", "easy", "good"):
        plain = answer(plain, rating, when_p, fuzz=False)
        fav = answer(fav, rating, when_f, favourite=True, fuzz=False)
        assert known(fav.due) - when_f <= known(plain.due) - when_p
        when_p, when_f = known(plain.due), known(fav.due)
    assert known(fav.due) - known(fav.last_review) < known(plain.due) - known(plain.last_review)
    assert known(fav.due) < known(plain.due)  # four answers in, the favourite has come back more often


def test_fuzz_keeps_the_order_of_answers():
    for _ in range(20):
        again = known(answer(CardState(), "again", NOW).due)
        easy = known(answer(CardState(), "easy", NOW).due)
        assert again < easy


def test_unknown_rating_is_refused():
    with pytest.raises(ValueError):
        answer(CardState(), "meh", NOW)


def test_the_day_and_new_allowance():
    assert scheduling.day_start(NOW) == datetime(2026, 3, 2, tzinfo=timezone.utc)
    assert scheduling.day_end(NOW) == datetime(2026, 3, 3, tzinfo=timezone.utc)
    assert scheduling.new_allowance(10, 0, 0, 10) == 10
    assert scheduling.new_allowance(10, 4, 0, 10) == 6  # due ones first
    assert scheduling.new_allowance(10, 0, 7, 10) == 3  # the day's new ones so far count
    assert scheduling.new_allowance(10, 12, 0, 10) == 0
    assert scheduling.new_allowance(10, 0, 15, 10) == 0
