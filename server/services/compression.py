"""The original HTML of each saved version, compressed.

It is kept as zstd (level 1): a third of zlib's time for a smaller blob. Versions
stored as zlib before still read back."""
from __future__ import annotations

import threading
import zlib

import zstandard

ZSTD_LEVEL = 1
ZSTD_MAGIC = b"\x28\xb5\x2f\xfd"
_zstd = threading.local()  # a zstd context serves one thread at a time


def compress_html(html: str, encoded: bytes | None = None) -> bytes:
    """The page compressed; `encoded`, its UTF-8 bytes where the caller has them, spares
    encoding it again."""
    compressor = getattr(_zstd, "compressor", None)
    if compressor is None:
        compressor = _zstd.compressor = zstandard.ZstdCompressor(level=ZSTD_LEVEL)
    return compressor.compress(html.encode("utf-8", "surrogatepass") if encoded is None else encoded)


def utf8_bytes(html: str) -> bytes | None:
    """The page's UTF-8 bytes, for extraction and compression to share (a page is encoded
    once); None for a page that holds lone surrogates, which extraction reads as U+FFFD where
    the stored original keeps them."""
    try:
        return html.encode("utf-8")
    except UnicodeEncodeError:
        return None


def decompress_html(blob: bytes) -> str:
    raw = zstandard.ZstdDecompressor().decompress(blob) if blob[:4] == ZSTD_MAGIC else zlib.decompress(blob)
    return raw.decode("utf-8", "surrogatepass")
