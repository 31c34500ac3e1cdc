"""What a highlight stores about its passage: a W3C TextQuoteSelector (the quote and
CONTEXT characters either side) with a TextPositionSelector (offsets)."""

from __future__ import annotations

from dataclasses import dataclass

from .tuning import CONTEXT


@dataclass(frozen=True)
class Selector:
    """`exact`, `prefix` and `suffix` describe the passage in the text it was last anchored
    in; `highlighted` is the quote as the user highlighted it (None: the same as `exact`),
    against which a passage rewritten over many saves is judged."""

    exact: str
    prefix: str = ""
    suffix: str = ""
    start: int | None = None
    end: int | None = None
    highlighted: str | None = None

    @property
    def first_quote(self) -> str:
        return self.exact if self.highlighted is None else self.highlighted


def describe(text: str, start: int, end: int) -> Selector:
    """The selector for text[start:end]: the quote, CONTEXT characters each side, the offsets."""
    if not 0 <= start <= end <= len(text):
        raise ValueError(f"span [{start}, {end}) is outside a text of length {len(text)}")
    return Selector(
        exact=text[start:end],
        prefix=text[max(0, start - CONTEXT) : start],
        suffix=text[end : end + CONTEXT],
        start=start,
        end=end,
    )
