"""server/extraction/article.py (the entry point): golden pages (tests/pages/<slug>/ and the seed
fixtures) give exactly their text and metadata; the text and HTML follow the
contract's rules; bad input gives NoArticle or an article, never a crash."""
from __future__ import annotations

import dataclasses
import json
import math
import re
from pathlib import Path

import pytest

from lxml import etree
from lxml import html as lxml_html
from lxml.html import HtmlElement
from trafilatura.settings import Document

from server.extraction import article as article_module
from server.extraction.article import SHORT_BODY_WORDS
from server.extraction import (TRAFILATURA_SETTINGS, Article, extract,
                               guess_language, scan_head)

ROOT = Path(__file__).resolve().parents[3]
PAGES = ROOT / "tests" / "pages"
FIXTURES = ROOT / "tests" / "fixtures"
SEED_URL = "https://www.php.cn/faq/1796812345.html"
SEED_JUNK = ["Undress", "Hot AI Tools", "Notepad++", "Statement of this Website", "Investing is booming",
             "Public welfare online", "Read more", "Dreamweaver"]
GOLDEN_SLUGS = sorted(path.name for path in PAGES.iterdir() if (path / "source.html").exists())
FILLER = "This sentence is here so that the page has enough article text to be kept. " * 6


def page(body: str, head: str = "", lang: str = "en") -> str:
    return f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8">{head}</head><body>{body}</body></html>'


def article(inner: str, **kwargs) -> Article:
    """`inner` inside an <article> with enough text around it to be extracted."""
    return extract(page(f"<article><p>{FILLER}</p>{inner}<p>{FILLER}</p></article>", **kwargs),
                   "https://example.org/blog/post")


def blocks(text: str) -> list[str]:
    return text.split("\n\n")


def assert_text_rules(text: str) -> None:
    assert text == text.strip()
    assert "\n\n\n" not in text
    for block in blocks(text):
        assert block and block == block.strip()


# --- golden pages --------------------------------------------------------------------------------

@pytest.mark.parametrize("slug", GOLDEN_SLUGS)
def test_golden_page_text_and_metadata(slug):
    folder = PAGES / slug
    expected = json.loads((folder / "expected.json").read_text(encoding="utf-8"))
    result = extract((folder / "source.html").read_text(encoding="utf-8"), expected.pop("url"))
    assert result.text == (folder / "expected.txt").read_text(encoding="utf-8").rstrip("\n")
    metadata = {key: value for key, value in dataclasses.asdict(result).items() if key not in ("text", "html")}
    assert metadata == expected
    assert_text_rules(result.text)


def test_golden_pages_cover_the_required_kinds():
    assert {"code-and-table", "comments-section", "german-article", "line-breaks-and-lists", "table-layout-article",
            "br-paragraphs-with-links", "author-bio-before-article", "related-list-after-article",
            "title-with-site-suffix", "forum-thread", "glued-words-in-list-items", "code-lines-as-blocks",
            "forum-post-inline-spaces", "thread-replies-as-posts", "documentation-code-and-sidebar",
            "prompts-inside-article", "teaser-cards-and-captions",
            "shared-link-discussion", "thread-opening-post-marked",
            "thread-beside-cookie-dialog", "product-page-with-image-cards",
            "documentation-steps-without-container", "course-page-table-of-sessions",
            "thread-read-as-article", "article-split-by-advertisement", "thread-poster-figures",
            "documentation-chapter-with-contents", "thread-question-above-replies",
            "thread-posts-in-edit-forms", "documentation-heading-permalinks"} <= set(GOLDEN_SLUGS)


@pytest.mark.parametrize("name", ["seed-article", "seed-article.revised"])
def test_seed_article_gives_exactly_its_paragraphs(name):
    title, _, body = (FIXTURES / f"{name}.expected.txt").read_text(encoding="utf-8").partition("\n\n")
    result = extract((FIXTURES / f"{name}.html").read_text(encoding="utf-8"), SEED_URL)
    assert result.text == body.strip()
    assert len(blocks(result.text)) == (14 if name == "seed-article" else len(blocks(body.strip())))
    assert result.title == title.strip()
    assert result.author == "Jennifer Aniston"
    assert (result.published or "").startswith("2025-06-03")
    assert result.site_name
    assert result.language == "en"
    assert result.canonical_href == SEED_URL
    leaked = [junk for junk in SEED_JUNK if junk in result.text or junk in result.html]
    assert leaked == []


def test_seed_reader_html_holds_the_same_paragraphs():
    result = extract((FIXTURES / "seed-article.html").read_text(encoding="utf-8"), SEED_URL)
    paragraphs = re.findall(r"<p>(.*?)</p>", result.html, re.DOTALL)
    assert len(paragraphs) == 14
    assert paragraphs[0].startswith("At Google’s annual showcase")


def test_code_and_table_page_reader_html():
    result = extract((PAGES / "code-and-table" / "source.html").read_text(encoding="utf-8"),
                     "https://bytegarden.example.com/posts/log-generators")
    assert '<pre><code>def read_lines(path):\n    with open(path, encoding="utf-8") as handle:' in result.html
    assert "The <code>split</code> call" in result.html
    assert "<th>Approach</th><th>Peak memory</th><th>Time</th>" in result.html
    assert "<td>generators</td><td>12 MB</td><td>36 s</td>" in result.html
    assert "Popular posts" not in result.html and "Sign me up" not in result.html


def test_comments_are_left_out():
    result = extract((PAGES / "comments-section" / "source.html").read_text(encoding="utf-8"),
                     "https://slowdesk.example.net/2023/11/paper-notebook/")
    for comment in ["index cards", "Full-text search is the whole point", "fountain pens", "Leave a Reply",
                    "3 thoughts on"]:
        assert comment not in result.text
        assert comment not in result.html


# --- the text rules --------------------------------------------------------------------------------

def _reading(words: int, pictures: int) -> Document:
    body = etree.Element("body")
    paragraph = etree.SubElement(body, "p")
    paragraph.text = " ".join(["word"] * words)
    for number in range(pictures):
        etree.SubElement(body, "graphic", src=f"https://example.org/card-{number}.jpg")
    document = Document()
    document.body, document.commentsbody, document.url = body, etree.Element("body"), "https://example.org/"
    return document


def _page(words: int, script: str = "") -> HtmlElement:
    return lxml_html.document_fromstring(f"<html><head>{script}<style>p {{ color: red }}</style></head><body>"
                                         f"<p>{' '.join(['word'] * words)}</p></body></html>")


@pytest.mark.parametrize("words, pictures, page_words, imageless_words, read_again, taken", [
    (40, 2, 1000, 200, True, True),  # a short body: the page said much more without its pictures
    (40, 2, 1000, 50, True, True),  # a little more: text the pictures kept trafilatura from
    (40, 2, 1000, 40, True, False),  # no more: the same blocks without their pictures
    (SHORT_BODY_WORDS, 2, 10000, 5000, False, False),  # a long body is read once
    (40, 0, 1000, 200, False, False),  # a body that kept no picture was not chosen for its pictures
    (40, 1, 1000, 200, False, False),  # nor one that kept one (an article's lead image)
    (40, 2, 40, 40, False, False),  # the page says too little for any reading to say more
])
def test_a_short_body_is_read_again_without_pictures(monkeypatch, words, pictures, page_words, imageless_words,
                                                     read_again, taken):
    asked: list[dict] = []

    def reading(tree, url, settings):
        asked.append(settings)
        return _reading(imageless_words, pictures=0)

    monkeypatch.setattr(article_module, "extract_body", reading)
    document = _reading(words, pictures=pictures)
    article_module._read_without_pictures(_page(page_words), "", TRAFILATURA_SETTINGS, document)
    assert [settings["include_images"] for settings in asked] == ([False] if read_again else [])
    assert len(" ".join(document.body.itertext()).split()) == (imageless_words if taken else words)
    assert (next(document.body.iter("graphic"), None) is None) == (taken or not pictures)


def _cards(words: int) -> Document:
    """A reading that took a row of cards of other pages: pictures and linked teasers."""
    document = _reading(0, pictures=2)
    paragraph = document.body[0]
    link = etree.SubElement(paragraph, "ref", target="https://example.org/other-story")
    link.text = " ".join(["teaser"] * words)
    return document


@pytest.mark.parametrize("imageless, taken", [
    # fewer words, but the article's own: the cards' words are all links
    (lambda: _reading(30, pictures=0), True),
    # the same cards read without their pictures say nothing of their own either
    (lambda: _cards(60), False),
])
def test_readings_without_pictures_are_weighed_by_their_words_outside_links(monkeypatch, imageless, taken):
    monkeypatch.setattr(article_module, "extract_body", lambda tree, url, settings: imageless())
    document = _cards(40)
    words = article_module._read_without_pictures(_page(1000), "", TRAFILATURA_SETTINGS, document)
    assert (next(document.body.iter("ref"), None) is None) == taken
    assert words == (30 if taken else 40)


@pytest.mark.parametrize("script, most", [
    ("", 30),
    ("<script>var words = 'not shown to anyone at all';</script>", 30),
    # trafilatura's last resort reads the article a page embeds in its JSON-LD (markup and all)
    ('<script type="application/ld+json">{"articleBody": "<p>one</p><p>two</p>"}</script>', 30 + 2 + 7),
])
def test_the_words_a_reading_of_the_page_can_say(script, most):
    assert article_module._most_words(_page(30, script)) == most


def test_a_forum_that_embeds_its_posts_may_say_anything():
    page = lxml_html.document_fromstring("<html><body><div data-preloaded='{}'></div><p>word</p></body></html>")
    assert article_module._most_words(page) == math.inf


def test_a_thread_is_not_read_again_without_pictures(monkeypatch):
    """A thread's posts are read on their own; a reading of the page without its pictures would
    take each post with its author's card instead."""
    def refused(*args):
        raise AssertionError("read again")

    monkeypatch.setattr(article_module, "_read_without_pictures", refused)
    folder = PAGES / "forum-thread"
    url = json.loads((folder / "expected.json").read_text(encoding="utf-8"))["url"]
    assert extract((folder / "source.html").read_text(encoding="utf-8"), url).kind == "thread"


def test_an_article_marking_no_user_is_not_searched_for_a_thread(monkeypatch):
    """Looking for a thread's posts walks the whole tree: a page none of whose elements marks a
    post's user opens no thread, so an article of that kind is spared the walk."""
    def refused(*args):
        raise AssertionError("posts looked for")

    monkeypatch.setattr(article_module, "thread_posts", refused)
    assert article("<p>" + FILLER + "</p>").kind == "article"
    monkeypatch.undo()
    assert golden("thread-read-as-article").kind == "thread"


def test_blocks_are_separated_by_one_blank_line_and_line_breaks_are_single():
    result = article("<h2>A heading</h2><p>First line<br>second line<br><br>third line</p>"
                     "<ul><li>one</li><li>two <b>bold</b></li></ul><blockquote><p>A quote.</p></blockquote>")
    assert blocks(result.text)[1:8] == ["A heading", "First line\nsecond line", "third line", "one", "two bold",
                                        "A quote.", FILLER.strip()]
    assert_text_rules(result.text)


def test_code_lines_are_single_line_breaks_and_keep_indentation():
    result = article("<pre><code>def f():\n    return 1\n\n\nprint(f())\n</code></pre>")
    assert blocks(result.text)[1] == "def f():\n    return 1\nprint(f())"
    assert "<pre><code>def f():\n    return 1\n\n\nprint(f())</code></pre>" in result.html


def test_table_rows_are_blocks_with_tabs_between_cells():
    result = article("<table><tr><th>Name</th><th>Age</th></tr><tr><td>Ada</td><td>36</td></tr></table>")
    assert blocks(result.text)[1:3] == ["Name\tAge", "Ada\t36"]


def test_no_link_targets_or_image_markup_in_text():
    result = article('<p>Read <a href="/docs/intro">the docs</a> and look: '
                     '<img src="/pic.png" alt="A picture"> nice.</p>')
    block = blocks(result.text)[1]
    assert block == "Read the docs and look: nice."
    assert "/docs/intro" not in result.text and "pic.png" not in result.text and "A picture" not in result.text


def test_source_characters_are_kept_as_they_are():
    result = article("<p>“Curly” quotes — dashes – and ‘single’ ones… café crème «bien»</p>")
    assert blocks(result.text)[1] == "“Curly” quotes — dashes – and ‘single’ ones… café crème «bien»"


def test_markup_whitespace_is_collapsed():
    result = article("<p>Words   spread\n   over\tlines <em> and </em> tags.</p>")
    assert blocks(result.text)[1] == "Words spread over lines and tags."


def test_title_is_not_repeated_at_the_start():
    result = extract(page(f"<article><h1>The Real Title</h1><p>{FILLER}</p></article>",
                          head="<title>The Real Title</title>"), "https://example.org/a")
    assert result.title == "The Real Title"
    assert not result.text.startswith("The Real Title")
    assert "<h1>" not in result.html


def test_word_count_and_reading_time():
    result = extract(page(f"<article><p>{'word ' * 700}</p></article>"), "https://example.org/a")
    assert result.word_count == 700
    assert result.reading_minutes == 4  # ceil(700 / 230)
    short = article("")
    assert short.reading_minutes == 1


# --- the reader HTML ---------------------------------------------------------------------------------

def test_reader_html_makes_urls_absolute_and_links_safe():
    result = article('<p>See <a href="../other">this</a> and <a href="mailto:a@example.org">mail</a>, '
                     '<img src="/img/photo.jpg" alt="Photo"> done.</p>')
    assert '<a href="https://example.org/other" rel="noopener noreferrer nofollow">this</a>' in result.html
    assert '<a href="mailto:a@example.org" rel="noopener noreferrer nofollow">mail</a>' in result.html
    assert '<img src="https://example.org/img/photo.jpg" alt="Photo">' in result.html


def test_reader_links_lead_where_the_page_links_lead():
    # (trafilatura alone resolves a relative address against the site's root)
    result = article('<p>Read <a href="part-two">the next part</a> or <a href="#notes">the notes</a>.</p>')
    assert '<a href="https://example.org/blog/part-two" rel="noopener noreferrer nofollow">the next part</a>' \
        in result.html
    assert '<a href="https://example.org/blog/post#notes" rel="noopener noreferrer nofollow">the notes</a>' \
        in result.html


def test_reader_html_keeps_structure_and_formatting():
    result = article("<h2>Section</h2><ol><li>first</li><li>second</li></ol>"
                     "<p><em>em</em> <strong>strong</strong> <code>code</code></p>"
                     "<blockquote><p>Quoted words here.</p></blockquote>")
    for fragment in ["<h2>Section</h2>", "<ol><li>first</li><li>second</li></ol>",
                     "<em>em</em> <strong>strong</strong> <code>code</code>",
                     "<blockquote><p>Quoted words here.</p></blockquote>"]:
        assert fragment in result.html


def test_nothing_executable_reaches_the_reader_html():
    result = article('<p><script>alert(1)</script><img src=x onerror="alert(2)">'
                     '<a href="javascript:alert(3)">x</a><svg onload="alert(4)"><circle/></svg>'
                     '<iframe src="https://evil.example/"></iframe><span style="color:red" onclick="f()">Text</span> '
                     "with words.</p>")
    lowered = result.html.lower()
    for bad in ["<script", "onerror", "onload", "onclick", "javascript:", "<iframe", "<svg", "style="]:
        assert bad not in lowered
    assert "alert" not in result.text


# --- metadata -----------------------------------------------------------------------------------------

def test_metadata_from_the_head():
    head = ('<title>Head Title</title><meta name="author" content="Jo Writer">'
            '<meta property="og:site_name" content="The Site"><meta property="og:image" content="/lead.jpg">'
            '<meta name="description" content="A short description.">'
            '<meta property="article:published_time" content="2021-05-04T10:00:00Z">'
            '<link href="/canonical/path" rel="canonical">')
    result = extract(page(f"<article><p>{FILLER}</p></article>", head=head), "https://example.org/x?utm_source=a")
    assert (result.title, result.author, result.site_name) == ("Head Title", "Jo Writer", "The Site")
    assert result.published == "2021-05-04"
    assert result.image == "https://example.org/lead.jpg"
    assert result.excerpt == "A short description."
    assert result.canonical_href == "https://example.org/canonical/path"


def test_lead_image_is_the_article_picture_not_the_site_logo():
    head = '<meta property="og:image" content="https://example.org/static/site-logo.png">'
    result = article('<p><img src="/uploads/2024/05/harbour-at-dawn.jpg" alt="The harbour"></p>', head=head)
    assert result.image == "https://example.org/uploads/2024/05/harbour-at-dawn.jpg"
    logo_only = article("", head=head)
    assert logo_only.image is None


def test_excerpt_falls_back_to_the_start_of_the_text():
    result = extract(page(f"<article><p>{FILLER}</p></article>"), "https://example.org/x")
    assert result.excerpt is not None and result.excerpt.endswith("…")
    assert len(result.excerpt) <= 281
    assert FILLER.startswith(result.excerpt[:-1])


def test_scan_head_reads_language_and_canonical():
    head = scan_head("<html xml:lang='fr-CA'><head><link rel='alternate canonical' href='/a?x=1&amp;y=2'>")
    assert head == type(head)("fr", "/a?x=1&y=2")
    assert scan_head('<html><head><meta property="og:locale" content="pt_BR"></head>').language == "pt"
    assert scan_head("<html><head></head><body><link rel=canonical href=/late></body>").canonical is None


def test_language_is_guessed_when_the_page_does_not_declare_it():
    french = ("<p>Le chat est sur la table et il ne veut pas descendre, car il fait froid dans la maison. "
              "Nous avons essayé de le faire venir avec du lait, mais il préfère rester là-haut pour dormir.</p>") * 3
    result = extract(f"<html><body><article>{french}</article></body></html>", "https://example.fr/chat")
    assert result.language == "fr"
    assert guess_language("Der Hund und die Katze sind nicht im Haus, sondern mit dem Kind auf der Straße.") == "de"
    assert guess_language("12 34 56") is None


def test_title_in_a_wrapper_or_with_markup_is_not_repeated():
    html = page(f"<article><div><h1><a href='/a'>The Real Title</a></h1><p>{FILLER}</p></div></article>",
                head="<title>The Real Title</title>")
    result = extract(html, "https://example.org/a")
    assert result.text == FILLER.strip()


def test_a_heading_that_differs_from_the_title_stays():
    html = page(f"<article><h2>Introduction</h2><p>{FILLER}</p></article>", head="<title>The Real Title</title>")
    assert blocks(extract(html, "https://example.org/a").text)[0] == "Introduction"


def test_image_captions_are_left_out_of_text_and_html_but_the_image_stays():
    result = article('<figure><img src="/harbour.jpg" alt="Boats in the harbour at dawn">'
                     "<figcaption>Boats in the harbour at dawn. Photo: J. Smith</figcaption></figure>"
                     '<p class="wp-caption-text">Another caption under a picture</p>')
    assert "Photo: J. Smith" not in result.text + result.html
    assert "Another caption" not in result.text + result.html
    assert '<img src="https://example.org/harbour.jpg" alt="Boats in the harbour at dawn">' in result.html


# --- the failures the golden pages stand for --------------------------------------------------------

def golden(slug: str) -> Article:
    folder = PAGES / slug
    url = json.loads((folder / "expected.json").read_text(encoding="utf-8"))["url"]
    return extract((folder / "source.html").read_text(encoding="utf-8"), url)


def test_table_layout_article_is_unwrapped_with_its_photo_caption_and_quote_in_place():
    result = golden("table-layout-article")
    assert "<table" not in result.html
    assert result.html.index("mill-wheel.jpg") < result.html.index("The wheel after the flood")
    assert result.html.index("The wheel after the flood") < result.html.index("When the river rose")
    assert result.html.index("When the river rose") < result.html.index("We thought we were clearing")
    assert result.html.index("We thought we were clearing") < result.html.index("A millwright")
    assert "Home" not in result.text and "Copyright" not in result.text


def test_break_runs_are_paragraphs_and_inline_links_keep_their_spaces():
    result = golden("br-paragraphs-with-links")
    assert blocks(result.text)[1].startswith("Just months after the last Fieldnote 13 was released, the company")
    assert "the last <a " in result.html and "Fieldnote 13</a> was released" in result.html
    assert "thinner than the <strong>2016</strong> through <em>2018</em> models" in result.html
    assert "the escape key is back,\nand the arrow keys" in result.text  # a single <br> stays a line break
    assert len(re.findall(r"<p>", result.html)) == len(blocks(result.text)) == 5


def test_author_bio_before_the_article_is_left_out():
    result = golden("author-bio-before-article")
    assert "Cornish coast" not in result.text and "Cornish coast" not in result.html
    assert result.text.startswith("A tide table gives you")


def test_related_list_after_the_article_is_left_out():
    result = golden("related-list-after-article")
    assert result.text.endswith("take over the jar again.")
    assert "Further reading" not in result.html and "from scratch" not in result.html


def test_title_loses_the_site_name_and_author_its_job_title():
    result = golden("title-with-site-suffix")
    assert (result.title, result.author, result.site_name) == ("Why Night Trains Are Coming Back", "Ines Carvalho",
                                                               "Rail & Road Weekly")


def test_forum_thread_keeps_its_replies():
    result = golden("forum-thread")
    assert result.kind == "thread"
    for reply in ["How warm is your kitchen in January?", "The thermometer says 16 degrees",
                  "use warm water when you mix"]:
        assert reply in result.text and reply in result.html


def test_a_thread_whose_posts_each_look_like_an_article_keeps_every_post_with_its_author():
    result = golden("thread-replies-as-posts")
    assert result.kind == "thread"
    for reply in ["How could they be at that price?", "trading documents between multiple parties",
                  "jedishrfu", "FactChecker"]:
        assert reply in result.text
    assert "a long alphanumeric number" in result.text  # the first post stays


def test_a_thread_keeps_its_opening_post_marked_with_a_class_more_than_the_replies():
    result = golden("thread-opening-post-marked")
    assert result.kind == "thread"
    assert result.text.startswith("Hey everyone!")  # the opening post, first
    assert "Sweet spot for 1440p" in result.text
    assert "thanks for marking the issues bro" in result.text  # and the replies after it


def test_a_thread_that_trafilatura_reads_as_an_article_keeps_its_replies():
    # no schema type nor thread path says so: the article trafilatura found is the first of the
    # posts, each of which names its poster
    result = golden("thread-read-as-article")
    assert result.kind == "thread"
    assert result.text.startswith("marta_k\n\nOur building lets members use the shared workshop")
    for reply in ["dovetail_dan", "Could we keep one long evening a week", "A longer hose and a closet",
                  "Thursdays for the loud machines sounds fair to me"]:
        assert reply in result.text


def test_a_chapters_introduction_beside_an_empty_anchor_is_kept():
    # the empty anchor marking the index term made trafilatura delete the chapter, its only link
    # having no text, once the table of contents beside it was gone
    result = golden("documentation-chapter-with-contents")
    assert "Indexes are a common way to enhance database performance." in result.text


def test_a_thread_keeps_its_opening_post_standing_in_a_block_of_its_own_above_the_replies():
    result = golden("thread-question-above-replies")
    assert result.kind == "thread"
    # the question, written as bare text in a division, stands before the replies' block
    opening = result.text.index("I am planning to buy rx 7900 xtx for upgrade")
    assert opening < result.text.index("Prices of GPU's vary according to region")
    assert "Performance between multiple cards in the same tier is virtually the same." in result.text


def test_a_threads_posts_written_inside_the_forms_that_edit_them_are_kept():
    result = golden("thread-posts-in-edit-forms")
    assert result.kind == "thread"
    for reply in ["Might this also be a potential cure for tinnitus",
                  "Thankfully, I don't notice it anymore unless someone brings it up."]:
        assert reply in result.text
    assert "permalink embed save" not in result.text


def test_the_readers_reacting_to_a_post_are_no_part_of_the_thread():
    for slug in ("thread-opening-post-marked", "thread-question-above-replies"):
        result = golden(slug)
        assert "Reactions:" not in result.text and "Reactions:" not in result.html


def test_the_signatures_under_a_threads_posts_are_left_out():
    result = golden("thread-poster-figures")
    assert "MyBBHacks.com MyBB Plugins" not in result.text
    assert "Send me a DM or PM if you want to sponsor" not in result.text
    assert "Nightcore! UWU" not in golden("forum-post-inline-spaces").text


def test_a_headings_link_to_itself_leaves_no_sign_on_the_heading():
    result = golden("documentation-heading-permalinks")
    assert "The default policy\n\n" in result.text and "Writing your own\n\n" in result.text
    assert "delay(failure, attempts)\n\n" in result.text
    assert "¶" not in result.html and "§" not in result.html
    assert ">the default policy</a>" in result.html  # a link into the page that says something stays


def test_a_cookie_dialogs_sections_are_not_taken_for_the_thread():
    result = golden("thread-beside-cookie-dialog")
    assert result.kind == "thread"
    assert result.text.startswith("Not sure if this is the right place")
    assert "Cookies" not in result.text


def test_a_thread_whose_posts_trafilatura_reads_together_only_in_part_is_read_post_by_post():
    result = golden("thread-beside-cookie-dialog")
    # read together, the reply (under a long signature) was left out
    assert "I've heard a rumor (on reddit, from one of the Corsair mods)" in result.text
    assert result.text.index("Not sure if this is the right place") < result.text.index("I've heard a rumor")


def test_documentation_keeps_its_code_blocks_and_drops_its_sidebar():
    result = golden("documentation-code-and-sidebar")
    assert "location / {\n    root /data/www;\n}" in blocks(result.text)
    assert "<pre><code>location / {\n    root /data/www;\n}</code></pre>" in result.html
    assert "gateway fabric" not in result.text.lower()


def test_documentation_without_a_container_of_its_own_keeps_its_headings_and_lists():
    result = golden("documentation-steps-without-container")
    assert "<p>You will learn how to:</p><ul><li>Use sub-object selection" in result.html
    assert "<h4>To download the tutorial model</h4><ol><li>" in result.html
    assert "Match curve ends." in blocks(result.text) and "Create the speaker shell" in blocks(result.text)


def test_a_table_of_sessions_that_trafilatura_pruned_for_its_links_is_read_again_whole():
    result = golden("course-page-table-of-sessions")
    assert "Airy disks and mixture models: [Chen-Moitra '20]" in result.text
    assert "<td>Sep 6</td><td>Logistics, vignette: diffraction limit and learning theory</td>" in result.html
    assert result.text.startswith("Algorithms for Data Science CS 224, Fall 2023")


def test_blocks_flattened_into_a_list_item_keep_their_words_apart():
    result = golden("glued-words-in-list-items")
    assert "#1 2 doors and a porch Weight:2.1 kg Seasons:3-season" in blocks(result.text)
    assert 'alt="Ridge tent"> 2 doors and a porch Weight:2.1 kg Seasons:3-season</li>' in result.html


def test_code_lines_written_as_blocks_stay_lines():
    result = golden("code-lines-as-blocks")
    assert "cargo install lantern-new --locked\ncargo lantern-new my-app\ncd my-app" in blocks(result.text)
    assert "cargo lantern dev" in blocks(result.text)


def test_inline_elements_with_a_space_between_keep_it_in_a_forum_post():
    result = golden("forum-post-inline-spaces")
    assert "a cartoonist from The Guardian linked it to general concerns" in result.text
    assert "a cartoonist from The Guardian linked it to general concerns" in re.sub(r"<[^>]+>", "", result.html)


def test_a_thread_says_each_reply_once():
    # trafilatura reads these replies both as the body and as comments
    source = (PAGES / "shared-link-discussion" / "source.html").read_text(encoding="utf-8")
    result = extract(source, "https://links.example.net/threads/q7d2k1/queue-on-postgres")
    assert result.kind == "thread"
    assert result.text.count("Fair point about the backups.") == 1
    assert result.text.count("SKIP LOCKED") == 1
