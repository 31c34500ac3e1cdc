"""The highlight colours have one definition, in the extension's highlighter.js; the
server reads it for the API's colours, the web UI's swatches and books' marks."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from server import limits, palette
from server.services.epub import STYLESHEET

ROOT = Path(__file__).parents[2]


def test_the_server_reads_the_extensions_palette():
    source = (ROOT / "extension" / "content" / "highlighter.js").read_text(encoding="utf-8")
    assert palette.parse(source) == palette.palette()
    assert limits.COLORS == ("yellow", "green", "blue", "pink", "purple")
    assert limits.DEFAULT_COLOR == "yellow"


def test_a_palette_whose_default_is_not_one_of_its_colours_is_refused():
    source = '/* gloss-palette */ {"default": "red", "colors": {"blue": ' \
             '{"swatch": "#00f", "mark": "#00f8", "book": "#ccf"}}} /* end gloss-palette */'
    with pytest.raises(ValueError):
        palette.parse(source)


def test_no_other_file_defines_a_colour_of_its_own():
    """The stylesheet and the popover use the palette; they name no colour values."""
    css = (ROOT / "server" / "web" / "static" / "gloss.css").read_text(encoding="utf-8")
    assert not re.search(r"--swatch-\w+\s*:", css)
    ui = (ROOT / "extension" / "content" / "ui.js").read_text(encoding="utf-8")
    assert not any(shades.swatch in ui for shades in palette.palette().colors.values())


def test_the_web_ui_serves_the_swatches_as_css_variables(client):
    resp = client.get("/palette.css")
    assert resp.status_code == 200 and resp.mimetype == "text/css"
    for name, shades in palette.palette().colors.items():
        assert f"--swatch-{name}: {shades.swatch};" in resp.get_data(as_text=True)


def test_books_tint_marks_with_the_palettes_book_shades():
    css = STYLESHEET.decode()
    assert f"mark {{ background: {palette.palette().colors['yellow'].book}; }}" in css
    assert f"mark.purple {{ background: {palette.palette().colors['purple'].book}; }}" in css
