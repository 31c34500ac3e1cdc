"""Anchoring highlights in article text. Only strings in, offsets out: no Flask, no database.

* `describe(text, start, end)`: the selector a highlight stores (quote, context, offsets).
* `locate(text, quote, prefix, suffix, start, end)`: creation, where the passage a user
  selected on the live page is in the extracted text (`locate.py`).
* `anchor_many(new_text, selectors, old_text)`: re-anchoring after a save. With the text
  the selectors were placed in, each highlight is carried through the edit from it to the
  new text (`carry.py`); a doubtful carry is cross-checked by the quote-and-context search
  (`choose.py`), which alone places what has no previous text: highlights orphaned by an
  earlier save, or imported onto a page that had no article. Whatever cannot be placed
  with confidence is orphaned (None), never moved onto look-alike text.
"""

from __future__ import annotations

from dataclasses import replace
from collections.abc import Sequence

from .carry import Edit
from .choose import Searcher
from .locate import locate
from .normalize import normalize, normalized_part
from .selector import Selector, describe
from .tokens import TOKEN
from .tuning import CONTEXT

__all__ = ["CONTEXT", "Selector", "anchor", "anchor_many", "describe", "locate", "normalize"]

Span = tuple[int, int]


def anchor(text: str, selector: Selector) -> Span | None:
    """Where the passage described by `selector` is in `text`, by quote and context alone."""
    return anchor_many(text, [selector])[0]


def anchor_many(text: str, selectors: Sequence[Selector], old_text: str | None = None) -> list[Span | None]:
    """Where each selector's passage is in `text` now (original offsets), None when it is gone.

    `old_text` is the text the selectors' offsets point into (the last accepted version);
    selectors whose offsets hold their quote there are carried through the edit.
    """
    searcher: Searcher | None = None
    edit: Edit | None = None
    results: list[Span | None] = []
    for selector in selectors:
        placed = (
            old_text is not None
            and selector.start is not None
            and selector.end is not None
            and selector.start < selector.end
            and old_text[selector.start : selector.end] == selector.exact
        )
        if placed and old_text == text:
            results.append((selector.start, selector.end))  # type: ignore[arg-type]
            continue
        visible = TOKEN.search(normalized_part(selector.exact))
        if placed and not visible:  # whitespace: carried beside its tokens, else placed by its context
            assert old_text is not None
            edit = edit or Edit(old_text, text)
            invisible = edit.carry_invisible(selector)
            if invisible is not None:
                results.append(invisible)
                continue
        elif placed:
            assert old_text is not None
            edit = edit or Edit(old_text, text)
            carried = edit.carry(selector)
            if carried is None or carried.whole:
                results.append(None if carried is None else carried.span)
                continue
            searcher = searcher or Searcher(text)
            results.append(_cross_checked(searcher, selector, carried.span))
            continue
        searcher = searcher or Searcher(text)
        found = searcher.find(selector)
        if found is not None and old_text is not None and selector.start is None:
            # An orphaned passage re-attaches when its text comes back with what stood
            # around it, not onto a copy that stood in the previous text too, nor onto a copy
            # brought in elsewhere (boilerplate) that agrees with its context on one side only.
            edit = edit or Edit(old_text, text)
            if not edit.is_new(*found) or not searcher.in_context(selector, found):
                found = None
        results.append(found)
    return results


def _cross_checked(searcher: Searcher, selector: Selector, carried: Span) -> Span | None:
    """A passage the edit cut in parts is where most of it went only if the quote-and-context
    search finds it there too."""
    found = searcher.find(replace(selector, start=carried[0], end=carried[1]))
    if found is not None and min(found[1], carried[1]) > max(found[0], carried[0]):
        return carried
    return None
