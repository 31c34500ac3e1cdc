"""What the book tests share: small raster images, articles that show them, reading an
EPUB back, and running epubcheck (a Debian package: a jar behind the `epubcheck` command)."""
from __future__ import annotations

import io
import os
import shutil
import struct
import subprocess
import zipfile
import zlib

import pytest
from lxml import etree

XHTML = "{http://www.w3.org/1999/xhtml}"
GIF = (b"GIF89a\x01\x00\x01\x00\x80\x00\x00\x00\x00\x00\xff\xff\xff!\xf9\x04\x01\x00\x00\x00\x00,"
       b"\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;")
SVG = b'<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"><rect width="1" height="1"/></svg>'


def png(width: int = 2, height: int = 2, noise: bool = False) -> bytes:
    """A valid RGB PNG; its size makes it unique (with noise, it hardly compresses)."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    rows = b"".join(b"\x00" + (os.urandom(3 * width) if noise else b"\xc0\x40\x20" * width)
                    for _ in range(height))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))


def serve_image(site, path: str, body: bytes, content_type: str) -> str:
    from tests.local_site import Route

    site.routes[path] = Route(body=body, headers={"Content-Type": content_type})
    return site.base + path


def article(title: str, n: int, images: list[tuple[str, str]]) -> str:
    """An article with headings, a list, code, a table and the given (src, alt) images."""
    figures = "".join(f'<p>Figure {k}: <img src="{src}" alt="{alt}"> as drawn.</p>' for k, (src, alt) in
                      enumerate(images))
    sections = "".join(
        f"<h2>Section {i} of {title}</h2><p>Paragraph {i} of article {n} talks at some length about "
        f"reading on paper-like screens, about margins and light, and about the notes people keep.</p>"
        for i in range(3))
    return (f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1>{sections}"
            f"{figures}<ul><li>First point of {n}</li><li>Second point of {n}</li></ul>"
            f"<pre><code>def answer():\n    return {n}</code></pre>"
            f"<table><tr><th>Key</th><th>Value</th></tr><tr><td>n</td><td>{n}</td></tr></table>"
            f"<p>The closing paragraph of article {n} says what was said, once more, in other words.</p>"
            f"</article></body></html>")


def open_book(data: bytes) -> zipfile.ZipFile:
    book = zipfile.ZipFile(io.BytesIO(data))
    first = book.infolist()[0]
    assert first.filename == "mimetype" and first.compress_type == zipfile.ZIP_STORED
    assert book.read("mimetype") == b"application/epub+zip"
    return book


def chapters(book: zipfile.ZipFile) -> list[etree._Element]:
    """Each chapter parsed as XML (which fails unless it is well-formed)."""
    names = sorted((n for n in book.namelist() if n.startswith("OEBPS/c") and n.endswith(".xhtml")),
                   key=lambda n: int(n[len("OEBPS/c"):-len(".xhtml")]))
    return [etree.fromstring(book.read(name)) for name in names]


def text_of(element) -> str:
    return " ".join("".join(element.itertext()).split())


def epubcheck_command() -> list[str] | None:
    found = shutil.which("epubcheck")
    if found is None:
        return None
    real = os.path.realpath(found)
    if real.endswith(".jar"):  # Debian's package: run by binfmt where it is set up, else by java
        java = shutil.which("java")
        return [java, "-jar", real] if java else None
    return [found]


def require_epubcheck() -> list[str]:
    command = epubcheck_command()
    if command is None:
        if os.environ.get("CI"):
            pytest.fail("epubcheck is missing (apt-get install epubcheck); with CI set it must run")
        pytest.skip("epubcheck is not installed (apt-get install epubcheck)")
    return command


def epubcheck(path) -> str:
    """epubcheck's report; fails the test on any error or fatal message."""
    result = subprocess.run([*require_epubcheck(), str(path)], capture_output=True, text=True, timeout=300)
    report = result.stdout + result.stderr
    assert result.returncode == 0, report
    assert "0 fatals / 0 errors" in report, report
    return report
