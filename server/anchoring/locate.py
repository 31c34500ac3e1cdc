"""Creation: where the quote a user selected on the live page is in the extracted text.

The browser sends the quote and its context as the live page's DOM shows them; they differ
from the extracted text in whitespace, soft hyphens, quotes and dashes, so matching happens
on normalized text and the offsets returned point into the original text. Every rule here
has a case in `schema/anchoring-vectors.json`, which the JavaScript highlighter runs too.
"""

from __future__ import annotations

from .context import occurrences, prefix_similarity, suffix_similarity
from .normalize import Normalized, normalized, normalized_part
from .windows import Place, places_in_windows

# At most this many occurrences of a quote are weighed.
MAX_OCCURRENCES = 10_000


def locate(
    text: str,
    quote: str,
    prefix: str = "",
    suffix: str = "",
    start: int | None = None,
    end: int | None = None,
    *,
    whole_text: bool = False,
) -> tuple[int, int] | None:
    """Where the quote is in `text` (original offsets), or None.

    Offsets that already point at the quote win. Otherwise the quote is searched in
    normalized text; between several occurrences the context decides, then the
    distance from `start`. As a last resort whitespace is ignored altogether (the DOM
    and the extracted text can disagree about spaces between inline elements).
    Only windows around the quote's likely places are normalized (`windows.py`);
    `whole_text` normalizes all of it instead, with the same result.
    """
    if start is not None and end is not None and 0 <= start < end <= len(text) and text[start:end] == quote:
        return start, end
    needle = normalized_part(quote)
    if not needle:
        return None
    wanted_prefix = normalized_part(prefix)
    wanted_suffix = normalized_part(suffix)
    whole: list[Normalized] = []  # the whole text normalized, once, when windows will not do

    def places(ignore_spaces: bool) -> list[Place]:
        if not whole_text:
            found = places_in_windows(text, needle, ignore_spaces, len(wanted_prefix) + 1,
                                      len(wanted_suffix) + 1, MAX_OCCURRENCES)
            if found is not None:
                return found
        if not whole:
            whole.append(normalized(text))
        doc = whole[0]
        spans = _occurrences_ignoring_spaces(doc.text, needle) if ignore_spaces else [
            (at, at + len(needle)) for at in occurrences(doc.text, needle, MAX_OCCURRENCES)]
        return [Place(doc, 0, *span) for span in spans]

    def preference(place: Place) -> tuple[bool, float, int]:
        original = place.original()
        context = prefix_similarity(place.doc.text, place.start, wanted_prefix, False) + suffix_similarity(
            place.doc.text, place.end, wanted_suffix, False
        )
        distance = abs(original[0] - start) if start is not None else 0
        return (original[0] == start, round(context, 6), -distance)

    for ignore_spaces in (False, True):
        found = places(ignore_spaces)
        if found:
            return max(found, key=preference).original()
    return None


def _occurrences_ignoring_spaces(doc: str, needle: str) -> list[tuple[int, int]]:
    kept = [i for i, c in enumerate(doc) if c != " "]
    squeezed = "".join(doc[i] for i in kept)
    compact_needle = needle.replace(" ", "")
    return [(kept[at], kept[at + len(compact_needle) - 1] + 1)
            for at in occurrences(squeezed, compact_needle, MAX_OCCURRENCES)]
