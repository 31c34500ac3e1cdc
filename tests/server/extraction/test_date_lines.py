"""server/extraction/date_lines.py: the lines at the article's edges that date the page or another page."""
from __future__ import annotations

from server.extraction.edges import drop_edge_junk
from tests.server.extraction.support import body_of, texts

SENTENCE = "A sentence of the article that says something about the subject at some length."


def test_the_note_of_the_pages_last_change_closing_it_goes():
    for note in ["Last modified November 18, 2025 at 11:47 AM PST: Add docs for the workload API (fda060d1fe)",
                 "Last updated: March 3, 2024 by Ann Lee", "This page was last edited on 4 May 2024: typo fixed"]:
        body = body_of(f"<p>{SENTENCE}</p>" * 6 + f"<p>{note}</p>")
        drop_edge_junk(body)
        assert texts(body) == [SENTENCE] * 6, note


def test_a_sentence_after_a_date_and_a_change_note_opening_the_article_stay():
    said = "Updated March 3, 2024: the rules changed for every driver in the state, and fines doubled."
    note = "Last modified November 18, 2025: the workload API"
    body = body_of(f"<p>{note}</p>" + f"<p>{SENTENCE}</p>" * 6 + f"<p>{said}</p>")
    drop_edge_junk(body)
    assert texts(body) == [note, *[SENTENCE] * 6, said]


def test_a_dated_link_to_another_page_opening_the_body_goes():
    banner = '<p>February 26, 2026: <ref target="/news/3246/">Versions 18.3, 17.9 and 16.13 Released!</ref></p>'
    body = body_of(banner + f"<p>{SENTENCE}</p>" * 2)
    drop_edge_junk(body)
    assert texts(body) == [SENTENCE] * 2


def test_a_date_and_a_sentence_with_a_link_and_a_dated_link_closing_the_article_stay():
    opening = '<p>February 26, 2026: the <ref target="/team/">release team</ref> shipped it.</p>'
    closing = '<p>March 3, 2024: <ref target="/part-2/">Part two of this series</ref></p>'
    body = body_of(opening + f"<p>{SENTENCE}</p>" * 6 + closing)
    drop_edge_junk(body)
    assert texts(body) == ["February 26, 2026: the release team shipped it.", *[SENTENCE] * 6,
                           "March 3, 2024: Part two of this series"]


def test_a_list_of_dated_links_keeps_its_first_entries():
    entries = [f'<p>March {day}, 2024: <ref target="/news/{day}/">Release {day} is out</ref></p>' for day in (3, 9, 17)]
    body = body_of("".join(entries) + f"<p>{SENTENCE}</p>")
    drop_edge_junk(body)
    assert texts(body) == [f"March {day}, 2024: Release {day} is out" for day in (3, 9, 17)] + [SENTENCE]
