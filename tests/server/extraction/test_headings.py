"""server/extraction/headings.py: the page's top headings as a browser shows them."""
from __future__ import annotations

from lxml import html as lxml_html

from server.extraction.headings import top_headings


def headings_of(body: str) -> list[str]:
    tree = lxml_html.document_fromstring(f"<html><body>{body}</body></html>")
    return top_headings(list(tree.iter("h1")))[0]


def test_a_heading_cut_into_pieces_for_the_eye_is_read_from_its_copy_for_screen_readers():
    pieces = ('<span aria-hidden="true"><span class="show-mobile" style="display:inline-block">Tide</span>'
              '<span class="show-mobile" style="display:inline-block">tables for</span>'
              '<span class="hide-mobile" style="display:inline-block">Tide tables</span><br>'
              '<span class="hide-mobile" style="display:inline-block">for sailors</span></span>')
    assert headings_of(f'<h1>{pieces}<span class="visually-hidden">Tide tables for sailors</span></h1>') == [
        "Tide tables for sailors"]
    # without a copy for screen readers, the pieces shown are the heading's words
    assert headings_of('<h1><span aria-hidden="true">Tide</span> <span>tables</span></h1>') == ["Tide tables"]
    # a label written for screen readers alone beside the words shown is no copy of them
    assert headings_of('<h1><span class="sr-only">Collection: </span>Boots</h1>') == ["Boots"]
