"""The search box's input parsed into a safe tree and written as FTS5 and tsquery syntax."""
from __future__ import annotations

from server.services.search_query import parse, to_fts5, to_tsquery_text

def test_parser_quotes_everything():
    query = parse('"solar pan" OR wind* -coal')
    assert to_fts5(query) == '(("solar pan" OR "wind" *)) NOT ("coal")'
    assert to_tsquery_text(query) == "((('solar' <-> 'pan') | ('wind':*))) & !(('coal'))"
    assert parse("!!! ***").empty
