"""Normalization for matching: whitespace runs become one space; quotes, dashes and the
ellipsis become their ASCII forms; soft hyphens and zero-width characters vanish. The
rule is shared with the JavaScript highlighter (`schema/anchoring-vectors.json`).
Offsets found in normalized text are mapped back to the original text."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

# Unicode White_Space, spelled out so that both implementations use the same set.
WHITESPACE = "\t\n\x0b\x0c\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
DELETED = "\u00ad\u200b\u200c\u200d\u2060\ufeff"
REPLACED = {
    **dict.fromkeys("\u2018\u2019\u201a\u201b\u2032`", "'"),
    **dict.fromkeys("\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb", '"'),
    **dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212", "-"),
    "\u2026": "...",
}
_SPECIAL = re.compile(
    # a whitespace run (deleted chars inside it vanish), but not a lone space, which stays itself
    f"(?! (?![{WHITESPACE}{DELETED}]))[{WHITESPACE}][{WHITESPACE}{DELETED}]*"
    f"|[{DELETED}]+"
    f"|[{re.escape(''.join(REPLACED))}]"
)
_IS_WHITESPACE = re.compile(f"[{WHITESPACE}]")
# Characters that matching leaves out at the edges of a quote.
INVISIBLE = WHITESPACE.replace("\u2000-\u200a", "".join(map(chr, range(0x2000, 0x200B)))) + DELETED

_TRANSLATION = str.maketrans({**dict.fromkeys(DELETED), **REPLACED})
_WHITESPACE_RUN = re.compile(f"[{WHITESPACE}]+")
# What `normalized_part` changes besides single spaces at the ends.
UNUSUAL = re.compile(f"[{WHITESPACE.replace(' ', '')}{DELETED}{re.escape(''.join(REPLACED))}]|  ")


@dataclass(frozen=True)
class Normalized:
    """Normalized text plus, per normalized character, the original span it came from."""

    text: str
    starts: list[int]
    ends: list[int]
    source: str  # the original text

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a non-empty normalized span [start, end) back to original offsets."""
        return self.starts[start], self.ends[end - 1]

    def from_original(self, offset: int) -> int:
        """The normalized index of the first character at or after an original offset."""
        return bisect.bisect_left(self.starts, offset)

    def until_original(self, offset: int) -> int:
        """The normalized index just after the last character that ends at or before an
        original offset."""
        return bisect.bisect_right(self.ends, offset)

    def invisible_before(self, start: int, limit: int) -> int:
        """How many whitespace or invisible characters (at most `limit`) stand in the original
        text right before the normalized index `start`."""
        at = self.starts[start] if start < len(self.starts) else len(self.source)
        run = self.source[max(0, at - limit) : at]
        return len(run) - len(run.rstrip(INVISIBLE))

    def invisible_after(self, end: int, limit: int) -> int:
        """Mirror image of `invisible_before`: right after the normalized index `end`."""
        at = self.ends[end - 1] if end > 0 else 0
        run = self.source[at : at + limit]
        return len(run) - len(run.lstrip(INVISIBLE))


def normalized(s: str) -> Normalized:
    pieces: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    done = 0
    for match in _SPECIAL.finditer(s):
        first, after = match.span()
        if first > done:
            pieces.append(s[done:first])
            starts.extend(range(done, first))
            ends.extend(range(done + 1, first + 1))
        token = match.group()
        if _IS_WHITESPACE.match(token):
            replacement = " "
        elif token[0] in REPLACED:
            replacement = REPLACED[token[0]]
        else:
            replacement = ""  # soft hyphens and zero-width characters
        pieces.append(replacement)
        starts.extend([first] * len(replacement))
        ends.extend([after] * len(replacement))
        done = after
    if done < len(s):
        pieces.append(s[done:])
        starts.extend(range(done, len(s)))
        ends.extend(range(done + 1, len(s) + 1))
    return Normalized("".join(pieces), starts, ends, s)


def normalize(s: str) -> tuple[str, list[int]]:
    """Normalize text for matching; index_map[i] is the index in `s` of normalized[i]."""
    result = normalized(s)
    return result.text, result.starts


def normalized_part(s: str) -> str:
    """A quote, prefix or suffix as compared: normalized, outer whitespace trimmed.

    Same result as `normalized(s).text.strip(" ")`, without building the index maps."""
    return _WHITESPACE_RUN.sub(" ", s.translate(_TRANSLATION)).strip(" ")
