"""EPUB 3 books of saved pages, for e-readers: one page, or a selection (a tag, the
unread pages, a search) as one book with a chapter per page.

    build_epub(pages, *, title=None, fetch_settings=None, image_limits=ImageLimits(),
               identifier=None, now=None) -> bytes
    write_epub(out, pages, ...)  # the same, written to a binary file object

`pages` are Page rows (or any objects with the same attributes: id, title, url, author,
site_name, language, html, sanitizer_version, saved_at, and highlights with quote,
prefix, suffix, note, color and status), their highlights loaded. With
`fetch_settings`, the articles' images are fetched into the book (see epub_images);
without, each image is replaced by its alt text. Flask-free: the web views, the Gloss
API and the Wallabag API's `export.epub` call it alike.

The zip is written with the standard library rather than an EPUB library: a book is
five kinds of small file (mimetype, container, package document, navigation, chapters)
whose XML Gloss must control anyway to keep it valid, and writing them directly lets
a book stream to a file one chapter at a time. Each chapter is made well-formed and
valid XHTML by epub_xhtml; the package carries an EPUB 3 navigation document and an
NCX table of contents for older readers.
"""
from __future__ import annotations

import io
import uuid
import zipfile
from collections import Counter
from collections.abc import Sequence
from datetime import datetime, timezone
from typing import IO

from lxml import etree

from ..palette import book_css
from ..sanitize import reader_html
from . import epub_xhtml
from .epub_images import ImageBudget, ImageLimits, web_images
from .fetch import FetchSettings

MEDIA_TYPE = "application/epub+zip"
OPF_NS = "http://www.idpf.org/2007/opf"
DC_NS = "http://purl.org/dc/elements/1.1/"
NCX_NS = "http://www.daisy.org/z3986/2005/ncx/"
CONTAINER = b"""<?xml version="1.0" encoding="UTF-8"?>
<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
  <rootfiles>
    <rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/>
  </rootfiles>
</container>
"""
STYLESHEET = b"""body { margin: 0 0.5em; line-height: 1.4; }
h1 { font-size: 1.5em; margin: 0.5em 0; }
.byline { font-size: 0.85em; color: #555; }
img { max-width: 100%; height: auto; }
pre { white-space: pre-wrap; font-size: 0.85em; }
table { border-collapse: collapse; }
td, th { border: 1px solid #999; padding: 0.2em 0.4em; }
""" + book_css().encode() + b""".notes, .orphans { margin-top: 2em; border-top: 1px solid #999; font-size: 0.9em; }
.note-quote { font-style: italic; }
"""
DEFAULT_LANGUAGE = "und"


def write_epub(out: IO[bytes], pages: Sequence, *, title: str | None = None,
               fetch_settings: FetchSettings | None = None, image_limits: ImageLimits = ImageLimits(),
               identifier: str | None = None, now: datetime | None = None) -> None:
    """Writes the book of `pages` (in that order, a chapter each) to `out`."""
    if not pages:
        raise ValueError("a book needs at least one page")
    now = (now or datetime.now(timezone.utc)).astimezone(timezone.utc)
    title = title or pages[0].title or pages[0].url
    identifier = identifier or _identifier(pages)
    language = _book_language(pages)
    budget = ImageBudget(web_images(fetch_settings, image_limits) if fetch_settings else None, image_limits)
    manifest: list[tuple[str, str, str]] = []  # (id, href, media type)
    toc: list[tuple[str, str, list[tuple[str, str]]]] = []  # (href, title, [(fragment, heading)])
    images: dict[str, str] = {}  # URL -> href in the book

    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as book:
        # The mimetype comes first, stored: how readers recognise an EPUB.
        book.writestr(zipfile.ZipInfo("mimetype"), MEDIA_TYPE, compress_type=zipfile.ZIP_STORED)
        book.writestr("META-INF/container.xml", CONTAINER)
        book.writestr("OEBPS/style.css", STYLESHEET)
        for n, page in enumerate(pages, 1):
            chapter_id = f"c{n}"
            href = f"{chapter_id}.xhtml"
            chapter = epub_xhtml.build_chapter(
                title=page.title or page.url, html=reader_html(page.html or "", page.sanitizer_version, page.url),
                url=page.url, byline=_byline(page), language=page.language, highlights=page.highlights,
                chapter_id=chapter_id, stylesheet="style.css")
            wanted = [url for url in epub_xhtml.chapter_images(chapter) if url not in images]
            for url, image in budget.fetch_all(wanted).items():
                image_href = f"images/img{len(images) + 1}.{image.extension}"
                images[url] = image_href
                manifest.append((f"img{len(images)}", image_href, image.media_type))
                book.writestr(f"OEBPS/{image_href}", image.data, compress_type=zipfile.ZIP_STORED)
            epub_xhtml.localize_images(chapter, images)
            book.writestr(f"OEBPS/{href}", epub_xhtml.serialize(chapter))
            manifest.append((chapter_id, href, "application/xhtml+xml"))
            toc.append((href, chapter.title, chapter.headings))
        book.writestr("OEBPS/nav.xhtml", _nav(title, language, toc))
        book.writestr("OEBPS/toc.ncx", _ncx(title, identifier, toc))
        book.writestr("OEBPS/content.opf", _package(title, identifier, language, now, pages, manifest,
                                                    contents_first=len(pages) > 1))


def build_epub(pages: Sequence, **options) -> bytes:
    """The book of `pages` as bytes (see write_epub for the options)."""
    out = io.BytesIO()
    write_epub(out, pages, **options)
    return out.getvalue()


def _identifier(pages: Sequence) -> str:
    """The same pages make a book with the same identifier (a reader sees an update, not a new book)."""
    key = "gloss-book:" + ",".join(str(page.id) for page in pages)
    return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, key)}"


def _book_language(pages: Sequence) -> str:
    languages = Counter(tag for page in pages if (tag := epub_xhtml.language_tag(page.language)))
    return languages.most_common(1)[0][0] if languages else DEFAULT_LANGUAGE


def _byline(page) -> list[str]:
    saved = page.saved_at.strftime("saved %Y-%m-%d") if getattr(page, "saved_at", None) else None
    return [value for value in (page.author, page.site_name, saved) if value]


def _xml(element) -> bytes:
    return etree.tostring(element, xml_declaration=True, encoding="utf-8", pretty_print=True)


def _package(title: str, identifier: str, language: str, now: datetime, pages: Sequence,
             manifest: list[tuple[str, str, str]], contents_first: bool) -> bytes:
    opf = f"{{{OPF_NS}}}"
    dc = f"{{{DC_NS}}}"
    package = etree.Element(opf + "package", nsmap={None: OPF_NS}, version="3.0",
                            attrib={"unique-identifier": "book-id"})
    metadata = etree.SubElement(package, opf + "metadata", nsmap={"dc": DC_NS})
    etree.SubElement(metadata, dc + "identifier", id="book-id").text = identifier
    etree.SubElement(metadata, dc + "title").text = epub_xhtml.xml_text(title)
    etree.SubElement(metadata, dc + "language").text = language
    authors = list(dict.fromkeys(page.author for page in pages if page.author))
    for author in authors[:10]:
        etree.SubElement(metadata, dc + "creator").text = epub_xhtml.xml_text(author)
    etree.SubElement(metadata, dc + "publisher").text = "Gloss"
    if len(pages) == 1 and epub_xhtml.safe_url(pages[0].url):
        etree.SubElement(metadata, dc + "source").text = epub_xhtml.safe_url(pages[0].url)
    etree.SubElement(metadata, opf + "meta", property="dcterms:modified").text = \
        now.strftime("%Y-%m-%dT%H:%M:%SZ")
    items = etree.SubElement(package, opf + "manifest")
    etree.SubElement(items, opf + "item", id="nav", href="nav.xhtml", properties="nav",
                     attrib={"media-type": "application/xhtml+xml"})
    etree.SubElement(items, opf + "item", id="ncx", href="toc.ncx",
                     attrib={"media-type": "application/x-dtbncx+xml"})
    etree.SubElement(items, opf + "item", id="css", href="style.css", attrib={"media-type": "text/css"})
    for item_id, href, media_type in manifest:
        etree.SubElement(items, opf + "item", id=item_id, href=href, attrib={"media-type": media_type})
    spine = etree.SubElement(package, opf + "spine", toc="ncx")
    if contents_first:
        etree.SubElement(spine, opf + "itemref", idref="nav")
    for item_id, _href, media_type in manifest:
        if media_type == "application/xhtml+xml":
            etree.SubElement(spine, opf + "itemref", idref=item_id)
    return _xml(package)


def _nav(title: str, language: str, toc) -> bytes:
    x = epub_xhtml.x
    root = x("html")
    root.set(epub_xhtml.XML_LANG, language)
    root.set("lang", language)
    head = etree.SubElement(root, f"{{{epub_xhtml.XHTML_NS}}}head")
    head.append(x("meta", charset="utf-8"))
    head.append(x("title", epub_xhtml.xml_text(title)))
    head.append(x("link", rel="stylesheet", type="text/css", href="style.css"))
    body = etree.SubElement(root, f"{{{epub_xhtml.XHTML_NS}}}body")
    nav = x("nav", id="toc")
    nav.set(epub_xhtml.EPUB_TYPE, "toc")
    nav.append(x("h1", epub_xhtml.xml_text(title)))
    chapters = x("ol")
    for href, chapter_title, headings in toc:
        item = x("li")
        item.append(x("a", epub_xhtml.xml_text(chapter_title), href=href))
        if headings:
            sections = x("ol")
            for fragment, heading in headings:
                entry = x("li")
                entry.append(x("a", epub_xhtml.xml_text(heading), href=f"{href}#{fragment}"))
                sections.append(entry)
            item.append(sections)
        chapters.append(item)
    nav.append(chapters)
    body.append(nav)
    return b'<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE html>\n' + etree.tostring(
        root, encoding="utf-8", method="xml")


def _ncx(title: str, identifier: str, toc) -> bytes:
    n = f"{{{NCX_NS}}}"
    ncx = etree.Element(n + "ncx", nsmap={None: NCX_NS}, version="2005-1")
    head = etree.SubElement(ncx, n + "head")
    etree.SubElement(head, n + "meta", name="dtb:uid", content=identifier)
    doc_title = etree.SubElement(ncx, n + "docTitle")
    etree.SubElement(doc_title, n + "text").text = epub_xhtml.xml_text(title)
    nav_map = etree.SubElement(ncx, n + "navMap")
    order = 0

    def point(parent, label: str, src: str):
        nonlocal order
        order += 1
        element = etree.SubElement(parent, n + "navPoint", id=f"np{order}", playOrder=str(order))
        etree.SubElement(etree.SubElement(element, n + "navLabel"), n + "text").text = \
            epub_xhtml.xml_text(label) or "-"
        etree.SubElement(element, n + "content", src=src)
        return element

    for href, chapter_title, headings in toc:
        chapter_point = point(nav_map, chapter_title, href)
        for fragment, heading in headings:
            point(chapter_point, heading, f"{href}#{fragment}")
    return _xml(ncx)
