"""How well the text beside a place agrees with a stored prefix or suffix (0..1)."""

from __future__ import annotations

from rapidfuzz.distance import Levenshtein

from .tuning import CONTEXT


def prefix_similarity(doc: str, at: int, prefix: str, reaches_start: bool) -> float:
    """How well the normalized text just before `at` agrees with the stored prefix.

    A prefix that reached the start of the old text says "the passage was near the start":
    it is compared with everything before `at` (up to CONTEXT characters), so the same
    short prefix further into the text does not count as agreement.
    """
    end = at - 1 if at > 0 and doc[at - 1] == " " else at
    if reaches_start:
        window = doc[max(0, end - CONTEXT) : end].lstrip(" ")
        longest = max(len(prefix), len(window))
        return 1.0 if longest == 0 else 1.0 - Levenshtein.distance(prefix, window) / longest
    if not prefix:
        return 0.0
    window = doc[max(0, end - len(prefix)) : end]
    return max(0.0, 1.0 - Levenshtein.distance(prefix, window) / len(prefix))


def suffix_similarity(doc: str, at: int, suffix: str, reaches_end: bool) -> float:
    """Mirror image of `prefix_similarity` for the text just after `at`."""
    begin = at + 1 if at < len(doc) and doc[at] == " " else at
    if reaches_end:
        window = doc[begin : begin + CONTEXT].rstrip(" ")
        longest = max(len(suffix), len(window))
        return 1.0 if longest == 0 else 1.0 - Levenshtein.distance(suffix, window) / longest
    if not suffix:
        return 0.0
    window = doc[begin : begin + len(suffix)]
    return max(0.0, 1.0 - Levenshtein.distance(suffix, window) / len(suffix))


def occurrences(haystack: str, needle: str, limit: int = 10_000, low: int = 0, high: int | None = None) -> list[int]:
    """Where `needle` starts in haystack[low:high], at most `limit` places."""
    high = len(haystack) if high is None else high
    found: list[int] = []
    at = haystack.find(needle, low, high)
    while at != -1 and len(found) < limit:
        found.append(at)
        at = haystack.find(needle, at + 1, high)
    return found
