"""server/services/epub.py: a page as an EPUB 3 book, its structure, highlights, notes
and images (from a local site, through the fetcher's checks)."""
from __future__ import annotations

from lxml import etree

from server.models import Page
from server.services import books, epub
from server.services.epub_images import ImageLimits
from server.services.epub_xhtml import HighlightView, build_chapter, serialize
from tests.books.support import GIF, SVG, XHTML, article, chapters, open_book, png, serve_image, text_of

OPF = "{http://www.idpf.org/2007/opf}"
EPUB_TYPE = "{http://www.idpf.org/2007/ops}type"


def save(user, url, html):
    r = user.save(url, html)
    assert r.status_code == 201, r.json
    return r.json


def highlight(user, page_id, quote, note=""):
    r = user.post(f"/api/v1/pages/{page_id}/highlights", json={"quote": quote, "note": note})
    assert r.status_code == 201, r.json
    return r.json


def test_one_page_keeps_its_structure_marks_highlights_and_carries_images(alice, site, session,
                                                                        loopback_settings):
    picture = png(3, 2)
    src = serve_image(site, "/fig.png", picture, "image/png")
    page = save(alice, "https://example.com/a", article("Reading light", 1, [(src, "a diagram")]))
    highlight(alice, page["id"], "Paragraph 1 of article 1", note="Check this\n\nagainst the book.")
    highlight(alice, page["id"], "Second point of 1")
    data = epub.build_epub([books.book_page(session, alice.user, page["id"])], fetch_settings=loopback_settings)

    book = open_book(data)
    (chapter,) = chapters(book)
    body = text_of(chapter)
    assert [text_of(h) for h in chapter.iter(XHTML + "h1")] == ["Reading light"]
    assert "Section 2 of Reading light" in [text_of(h) for h in chapter.iter(XHTML + "h2")]
    assert [text_of(li) for li in chapter.iter(XHTML + "li")] == ["First point of 1", "Second point of 1"]
    assert "return 1" in text_of(next(chapter.iter(XHTML + "pre")))
    assert [text_of(td) for td in chapter.iter(XHTML + "td")] == ["n", "1"]
    marks = [text_of(m) for m in chapter.iter(XHTML + "mark")]
    assert marks == ["Paragraph 1 of article 1", "Second point of 1"]
    # The note is a footnote the highlight refers to, and refers back.
    ref = next(a for a in chapter.iter(XHTML + "a") if a.get(EPUB_TYPE) == "noteref")
    note = next(n for n in chapter.iter(XHTML + "aside") if n.get(EPUB_TYPE) == "footnote")
    assert ref.get("href") == "#" + note.get("id", "")
    assert [text_of(p) for p in note.iter(XHTML + "p")][1:] == ["Check this", "against the book."]
    assert "Original" in body and "example.com" in body
    # The image is inside the book, byte for byte, declared in the package.
    (img,) = chapter.iter(XHTML + "img")
    src = img.get("src", "")
    assert img.get("alt") == "a diagram" and src and not src.startswith("http")
    assert book.read("OEBPS/" + src) == picture
    package = etree.fromstring(book.read("OEBPS/content.opf"))
    items = {i.get("href"): i.get("media-type") for i in package.iter(OPF + "item")}
    assert items[img.get("src")] == "image/png" and items["nav.xhtml"] == "application/xhtml+xml"
    nav = etree.fromstring(book.read("OEBPS/nav.xhtml"))
    assert "Section 0 of Reading light" in text_of(nav)


def test_images_that_cannot_be_had_leave_their_alt_text(alice, site, session, loopback_settings):
    good = serve_image(site, "/good.gif", GIF, "image/gif")
    images = [
        (good, "kept"),
        (site.base + "/missing.png", "missing"),
        (serve_image(site, "/drawing.png", SVG, "image/svg+xml"), "vector"),
        (serve_image(site, "/lie.png", SVG, "image/png"), "not a png"),
        (serve_image(site, "/page.png", b"<html></html>", "text/html"), "a page"),
        (serve_image(site, "/big.png", png(100, 100, noise=True), "image/png"), "too big"),
        ("https://10.1.2.3/private.png", "private"),
        (site.redirect("/moved.png", "http://10.1.2.3/inside.png"), "redirected inside"),
    ]
    page = save(alice, "https://example.com/b", article("Pictures", 2, images))
    limits = ImageLimits(max_image_bytes=2000)
    data = epub.build_epub([books.book_page(session, alice.user, page["id"])],
                           fetch_settings=loopback_settings, image_limits=limits)
    book = open_book(data)
    (chapter,) = chapters(book)
    assert [img.get("alt") for img in chapter.iter(XHTML + "img")] == ["kept"]
    body = text_of(chapter)
    for alt in ("missing", "vector", "not a png", "a page", "too big", "private", "redirected inside"):
        assert f"[{alt}]" in body
    assert [n for n in book.namelist() if "/images/" in n] == ["OEBPS/images/img1.gif"]
    assert not any(path == "/private.png" for path, _ in site.requests)


def test_without_fetch_settings_nothing_is_fetched(alice, site, session):
    src = serve_image(site, "/fig.png", png(), "image/png")
    page = save(alice, "https://example.com/c", article("Offline", 3, [(src, "fig")]))
    data = epub.build_epub([books.book_page(session, alice.user, page["id"])])
    (chapter,) = chapters(open_book(data))
    assert not list(chapter.iter(XHTML + "img")) and "[fig]" in text_of(chapter)
    assert site.requests == []


def test_a_book_stops_taking_images_at_its_total_size(alice, site, session, loopback_settings):
    images = [(serve_image(site, f"/p{i}.png", png(20 + i, 20), "image/png"), f"p{i}") for i in range(4)]
    page = save(alice, "https://example.com/d", article("Many", 4, images))
    one = len(png(20, 20))
    data = epub.build_epub([books.book_page(session, alice.user, page["id"])], fetch_settings=loopback_settings,
                           image_limits=ImageLimits(max_total_bytes=2 * one + 20))
    (chapter,) = chapters(open_book(data))
    assert len(list(chapter.iter(XHTML + "img"))) == 2


def chapter_xml(html, highlights=(), url="https://example.com/x"):
    chapter = build_chapter(title="T", html=html, url=url, byline=[], language="en", highlights=highlights,
                            chapter_id="c1", stylesheet="style.css")
    return etree.fromstring(serialize(chapter))


def test_markup_browsers_forgive_is_repaired_into_valid_xhtml():
    root = chapter_xml('<li>stray item</li><ul>loose text<li>item</li><p>para in list</p></ul>'
                       '<span><p>block in inline</p></span><p>bell\x07 here</p>'
                       '<img src="https://e.com/i.png" width="100%" alt="x"><table><tr><td colspan="0">c</td></tr>'
                       '</table><ol start="two"><li>o</li></ol><a href="https://e.com/a b">spaced</a>')
    article_div = next(d for d in root.iter(XHTML + "div") if d.get("class") == "article")
    names = [etree.QName(c).localname for c in article_div]
    assert names[:3] == ["div", "ul", "div"]  # the stray item and the inline holding a block
    ul = article_div[1]
    assert [etree.QName(c).localname for c in ul] == ["li", "li", "li"]
    assert [text_of(c) for c in ul] == ["loose text", "item", "para in list"]
    assert "bell here" in text_of(root)
    assert next(root.iter(XHTML + "td")).get("colspan") is None
    assert next(root.iter(XHTML + "ol")).get("start") is None
    assert next(a for a in root.iter(XHTML + "a") if text_of(a) == "spaced").get("href") == "https://e.com/a%20b"


def test_a_highlight_across_elements_and_inside_a_link_is_marked_with_its_note_after_the_link():
    html = '<p>Hello <b>bold world</b> and <a href="https://e.com/">a linked phrase</a> end.</p>'
    highlights = [HighlightView(quote="Hello bold", note="one"), HighlightView(quote="linked phrase", note="two"),
                  HighlightView(quote="gone from the text", note="kept", status="orphaned")]
    root = chapter_xml(html, highlights)
    assert [text_of(m) for m in root.iter(XHTML + "mark")] == ["Hello", "bold", "linked phrase"]
    link = next(a for a in root.iter(XHTML + "a") if a.get("href") == "https://e.com/")
    assert not any(a.get(EPUB_TYPE) == "noteref" for a in link.iter(XHTML + "a"))
    refs = [a for a in root.iter(XHTML + "a") if a.get(EPUB_TYPE) == "noteref"]
    assert [a.get("href") for a in refs] == ["#note-1", "#note-2"]
    assert link.getnext() is refs[1].getparent()  # the <sup> right after the link
    orphans = next(s for s in root.iter(XHTML + "section") if s.get("class") == "orphans")
    assert "gone from the text" in text_of(orphans) and "kept" in text_of(orphans)


def test_stored_html_from_an_older_sanitizer_is_cleaned_before_it_reaches_a_book(alice, session):
    page_id = save(alice, "https://example.com/old", article("Old", 5, []))["id"]
    page = session.get(Page, page_id)
    page.html = ('<p onclick="steal()">Kept text<script>alert(1)</script></p>'
                 '<a href="javascript:alert(2)">a link</a><iframe src="https://e.com/"></iframe>')
    page.sanitizer_version = 0
    session.commit()
    data = epub.build_epub([books.book_page(session, alice.user, page_id)])
    raw = open_book(data).read("OEBPS/c1.xhtml").decode()
    assert "Kept text" in raw and "a link" in raw
    for bad in ("script", "onclick", "javascript:", "iframe", "alert"):
        assert bad not in raw


def test_a_highlight_across_paragraphs_is_marked_in_each():
    root = chapter_xml("<p>The end of one.</p><p>Start of two, and more.</p>",
                       [HighlightView(quote="end of one.\n\nStart of two")])
    assert [text_of(m) for m in root.iter(XHTML + "mark")] == ["end of one.", "Start of two"]


def test_a_definition_list_without_terms_becomes_plain_blocks_and_a_true_one_stays():
    root = chapter_xml('<dl><img src="https://e.com/a.png" alt="avatar"><dd>Moderator</dd><dd>Posts: 4032</dd></dl>'
                       '<dl><dt>TL;DR</dt><dd>Is this legit?</dd></dl><dl><dt>term alone</dt></dl>')
    article_div = next(d for d in root.iter(XHTML + "div") if d.get("class") == "article")
    assert [etree.QName(c).localname for c in article_div] == ["div", "dl", "div"]
    assert [etree.QName(c).localname for c in article_div[0]] == ["div", "div", "div"]
    assert [text_of(c) for c in article_div[0]][1:] == ["Moderator", "Posts: 4032"]
    assert [etree.QName(c).localname for c in article_div[1]] == ["dt", "dd"]
    assert text_of(article_div[2]) == "term alone"
