"""Creation: where the quote a user selected on the live page is in the extracted text.

The browser sends the quote and its context as the live page's DOM shows them; they differ
from the extracted text in whitespace, soft hyphens, quotes and dashes, so matching happens
on normalized text and the offsets returned point into the original text. Every rule here
has a case in `schema/anchoring-vectors.json`, which the JavaScript highlighter runs too.
"""

from __future__ import annotations

from .context import occurrences, prefix_similarity, suffix_similarity
from .normalize import normalized, normalized_part


def locate(
    text: str,
    quote: str,
    prefix: str = "",
    suffix: str = "",
    start: int | None = None,
    end: int | None = None,
) -> tuple[int, int] | None:
    """Where the quote is in `text` (original offsets), or None.

    Offsets that already point at the quote win. Otherwise the quote is searched in
    normalized text; between several occurrences the context decides, then the
    distance from `start`. As a last resort whitespace is ignored altogether (the DOM
    and the extracted text can disagree about spaces between inline elements).
    """
    if start is not None and end is not None and 0 <= start < end <= len(text) and text[start:end] == quote:
        return start, end
    needle = normalized_part(quote)
    if not needle:
        return None
    doc = normalized(text)
    wanted_prefix = normalized_part(prefix)
    wanted_suffix = normalized_part(suffix)

    def best(spans: list[tuple[int, int]]) -> tuple[int, int] | None:
        def preference(span: tuple[int, int]) -> tuple[bool, float, int]:
            original = doc.to_original(*span)
            context = prefix_similarity(doc.text, span[0], wanted_prefix, False) + suffix_similarity(
                doc.text, span[1], wanted_suffix, False
            )
            distance = abs(original[0] - start) if start is not None else 0
            return (original[0] == start, round(context, 6), -distance)

        return doc.to_original(*max(spans, key=preference)) if spans else None

    found = best([(at, at + len(needle)) for at in occurrences(doc.text, needle)])
    if found is not None:
        return found
    return best(_occurrences_ignoring_spaces(doc.text, needle))


def _occurrences_ignoring_spaces(doc: str, needle: str) -> list[tuple[int, int]]:
    kept = [i for i, c in enumerate(doc) if c != " "]
    squeezed = "".join(doc[i] for i in kept)
    compact_needle = needle.replace(" ", "")
    return [(kept[at], kept[at + len(compact_needle) - 1] + 1) for at in occurrences(squeezed, compact_needle)]
