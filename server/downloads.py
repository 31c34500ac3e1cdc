"""The Content-Disposition of a download whose name may be any text (a page's title).

HTTP headers carry Latin-1 at most, so the name goes twice (RFC 6266): an ASCII
`filename` for every client, and the exact name as UTF-8 in `filename*`."""
from __future__ import annotations

import unicodedata
from urllib.parse import quote

# A file named after a page keeps this many characters of its title: file systems take
# 255 bytes, which leaves room for UTF-8, a " (id)" to tell names apart, and the extension.
MAX_FILENAME_STEM = 100


def attachment(filename: str) -> str:
    plain = unicodedata.normalize("NFKD", filename).encode("ascii", "ignore").decode("ascii")
    plain = "".join(ch for ch in plain if ch.isprintable() and ch not in '"\\') or "download"
    header = f'attachment; filename="{plain}"'
    if plain != filename:
        header += f"; filename*=UTF-8''{quote(filename, safe='')}"
    return header
