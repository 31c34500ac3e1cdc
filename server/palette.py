"""The highlight colours, read from their one definition in the repository: the palette
in the extension's `content/highlighter.js` (the web UI serves that file as
`static/shared/highlighter.js`, and so does the installed package). The server takes
from it the colour names the API accepts, the web UI's swatch stylesheet and the tints
of books' marks."""
from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

SOURCE = Path(__file__).parent / "web" / "static" / "shared" / "highlighter.js"
START, END = "/* gloss-palette */", "/* end gloss-palette */"


@dataclass(frozen=True)
class Shades:
    swatch: str  # a colour button or dot
    mark: str  # over text on screen (translucent)
    book: str  # over text in a book (opaque, for e-readers)


@dataclass(frozen=True)
class Palette:
    default: str
    colors: dict[str, Shades]

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(self.colors)


def parse(source: str) -> Palette:
    """The palette between the markers of highlighter.js's source."""
    start, end = source.index(START) + len(START), source.index(END)
    data = json.loads(source[start:end])
    colors = {name: Shades(**shades) for name, shades in data["colors"].items()}
    if data["default"] not in colors:
        raise ValueError(f"the default colour {data['default']!r} is not in the palette")
    return Palette(default=data["default"], colors=colors)


@lru_cache(maxsize=1)
def palette() -> Palette:
    return parse(SOURCE.read_text(encoding="utf-8"))


def swatch_css() -> str:
    """The web UI's colour variables (`--swatch-NAME`), for gloss.css to use."""
    lines = [f"  --swatch-{name}: {shades.swatch};" for name, shades in palette().colors.items()]
    return ":root {\n" + "\n".join(lines) + "\n}\n"


def book_css() -> str:
    """A book's mark tints, one class per colour (the default colour on a bare mark)."""
    p = palette()
    rules = [f"mark {{ background: {p.colors[p.default].book}; }}"]
    rules += [f"mark.{name} {{ background: {shades.book}; }}" for name, shades in p.colors.items()
              if name != p.default]
    return "\n".join(rules) + "\n"


COLORS = palette().names
DEFAULT_COLOR = palette().default
