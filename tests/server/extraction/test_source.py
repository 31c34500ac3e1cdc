"""server/extraction/source.py: the page's tree before trafilatura reads it."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from lxml import html as lxml_html
from lxml.html import HtmlElement
from trafilatura.utils import INVALID_XML_CHARS, load_html

from server.extraction import extract
from server.extraction import source
from server.extraction import parsing
from server.extraction.parsing import CONTROL_BYTES, NONCHARACTERS, parse
from server.extraction.source import prepare, resolve_links

PAGES = Path(__file__).resolve().parents[3] / "tests" / "pages"


def body_of(markup: str) -> str:
    tree = prepare(lxml_html.document_fromstring(f"<html><body>{markup}</body></html>"))
    body = tree.find("body")
    assert body is not None
    return "".join(lxml_html.tostring(child, encoding="unicode") for child in body)


def test_loose_text_beside_a_link_becomes_one_paragraph():
    assert body_of('<div>Just after the last <a href="/x">model</a> was released.</div>') == (
        '<div><p>Just after the last <a href="/x">model</a> was released.</p></div>')


def test_break_runs_end_paragraphs_and_single_breaks_stay():
    assert body_of("<div>One <b>a</b><br>two<br><br>\n<br>three <i>c</i></div>") == (
        "<div><p>One <b>a</b><br>two</p><p>three <i>c</i></p></div>")


def test_a_paragraph_with_a_break_run_is_split_keeping_its_attributes():
    assert body_of('<p class="x">first <a href="/">link</a><br><br>second</p>tail') == (
        '<p class="x">first <a href="/">link</a></p><p class="x">second</p>tail')


def test_a_span_holding_paragraphs_is_unwrapped():
    assert body_of("<div><span>first <b>b</b><br><br>second</span></div>") == (
        "<div><p>first <b>b</b></p><p>second</p></div>")


def test_blocks_between_runs_keep_their_place():
    assert body_of("<div>before <a>x</a><h2>Head</h2>after <a>y</a></div>") == (
        "<div><p>before <a>x</a></p><h2>Head</h2><p>after <a>y</a></p></div>")


def test_text_alone_in_a_container_is_left_to_trafilatura():
    assert body_of('<div class="byline">By Jo</div>') == '<div class="byline">By Jo</div>'


PARAGRAPH = "<p>The tariffs raised the prices that importers pay for steel and for many other goods.</p>"


def test_text_alone_among_the_articles_paragraphs_becomes_a_paragraph():
    markup = f"<article>{PARAGRAPH}<div>How big an impact have the tariffs had overall?</div>{PARAGRAPH}</article>"
    assert body_of(markup) == (
        f"<article>{PARAGRAPH}<div><p>How big an impact have the tariffs had overall?</p></div>{PARAGRAPH}</article>")


def test_text_alone_is_read_by_trafilatura_among_the_articles_paragraphs():
    paragraphs = "".join(f"<p>Paragraph {number} of the article says a few plain things about the topic at hand.</p>"
                         for number in range(6))
    page = (f"<html><body><article>{paragraphs}<div>What sectors have suffered the most from the new tariffs?"
            f"</div>{paragraphs}</article></body></html>")
    assert "What sectors have suffered the most" in extract(page, "https://example.com/a").text


@pytest.mark.parametrize("markup", [
    # too short to be a sentence of the article
    f"<article>{PARAGRAPH}<div>Share this story</div></article>",
    # beside a card's title or a button, not beside running text
    "<div><p>Fast shipping</p><div>Same day shipping on every order placed before four in the afternoon.</div></div>",
    '<div><div>Use our calculator to get a quick estimate of how many panels you need.</div>'
    '<p><a href="/calculator">Size my system now with the free calculator</a></p></div>',
    # in the page's furniture
    f"<ul><li>{PARAGRAPH}<div>Another story of the site, teased here in a sentence of its own.</div></li></ul>",
    f"<footer>{PARAGRAPH}<div>All prices are shown in dollars and include the taxes of your state.</div></footer>",
])
def test_text_alone_elsewhere_is_left_to_trafilatura(markup):
    assert body_of(markup) == markup


@pytest.mark.parametrize("menu", ['class="mainmenu_footer"', 'id="site-nav"', 'class="navbar"',
                                  'role="navigation"', 'role="menu"'])
def test_loose_text_in_a_menu_stays_loose(menu):
    markup = f'<div {menu}>© 2026 Acme Corporation. All rights reserved. <a href="/privacy">Privacy Policy</a></div>'
    assert body_of(markup) == markup


@pytest.mark.parametrize("marks", ['class="canvas-wrap"', 'id="unavailable"'])
def test_loose_text_in_a_container_whose_class_only_holds_the_letters_of_a_menu_becomes_a_paragraph(marks):
    assert body_of(f'<div {marks}>Sold out in <a href="/sizes">your size</a>.</div>') == (
        f'<div {marks}><p>Sold out in <a href="/sizes">your size</a>.</p></div>')


def test_captions_without_images_are_dropped_and_pictures_stay():
    markup = ('<figure><img src="/a.jpg"><figcaption><p>The trail at dawn.</p></figcaption></figure>'
              '<div class="wp-caption"><img src="/b.jpg"><p class="wp-caption-text">The bridge.</p></div>'
              '<div class="caption-full">The minister in Hanoi. <a class="more">less</a></div>after'
              f'<div class="captioned-story"><p>{"word " * 90}</p></div>')
    assert body_of(markup) == ('<figure><img src="/a.jpg"></figure><div class="wp-caption"><img src="/b.jpg"></div>'
                               f'after<div class="captioned-story"><p>{"word " * 90}</p></div>')


def test_the_caption_and_file_name_of_a_code_listing_become_paragraphs():
    markup = ('<figure class="listing"><span class="file-name">Filename: src/main.rs</span>'
              '<pre><button><svg></svg></button><code>fn main() {}</code></pre>'
              '<figcaption><a href="#l-1">Listing 1</a>: The smallest program</figcaption></figure>'
              '<figure><img src="/a.png"><pre>ascii art</pre><figcaption>A picture and its code</figcaption></figure>')
    assert body_of(markup) == (
        '<div class="listing"><p><span class="file-name">Filename: src/main.rs</span></p>'
        '<pre><button><svg></svg></button><code>fn main() {}</code></pre>'
        '<p><a href="#l-1">Listing 1</a>: The smallest program</p></div>'
        '<figure><img src="/a.png"><pre><code>ascii art</code></pre></figure>')


def test_code_in_a_sentence_is_flattened_but_for_its_links():
    markup = ('<p>Run <code>pacman -S <i>name</i> --asdeps</code> or read '
              '<code class="t">Result&lt;<a href="/t"><span>T</span></a>, E&gt;</code>.</p>'
              '<p><code>one<br>two <b>x</b></code></p><pre><code>a <i>b</i></code></pre>')
    assert body_of(markup) == (
        '<p>Run <code>pacman -S name --asdeps</code> or read <code class="t">Result&lt;</code>'
        '<a href="/t"><code class="t">T</code></a><code class="t">, E&gt;</code>.</p>'
        '<p><code>one<br>two <b>x</b></code></p><pre><code>a <i>b</i></code></pre>')


def test_a_flattened_code_keeps_the_words_in_their_place():
    html = ("<html><body><article><h1>Pacman</h1>"
            + "<p>Upgrading with <code>pacman -Syu <i>package_name</i> --asdeps</code> is discouraged, as it "
              "changes the installation reason of the packages being upgraded too.</p>" * 3
            + "</article></body></html>")
    assert "with pacman -Syu package_name --asdeps is discouraged" in extract(html, "https://wiki.example.org/").text


def test_hidden_structured_data_is_dropped_and_shown_items_stay():
    markup = ('<div itemscope itemtype="https://schema.org/Person"><p>Jo Bloggs writes.</p></div>'
              '<div style="display: none" itemscope><h1 itemprop="name">Title</h1>'
              '<div itemprop="datePublished">2019-11-19T08:57:40+01:00</div></div>after'
              '<div hidden itemscope><div itemprop="url">https://example.com/a</div></div>'
              '<div style="display:none"><p>A tab shown on a click.</p></div>')
    assert body_of(markup) == ('<div itemscope itemtype="https://schema.org/Person"><p>Jo Bloggs writes.</p></div>'
                               'after<div style="display:none"><p>A tab shown on a click.</p></div>')


def test_empty_anchors_marking_a_place_go_and_links_stay():
    markup = ('<div><div class="toc"><a href="/a">A</a></div><a id="x" name="x"></a><p>Intro.</p>'
              '<a name="y"> </a>tail <a href="/b"></a><a name="z">Named</a><a name="i"><img src="i.png"></a>'
              '<a class="icon"></a></div>')
    # (an empty anchor that names no place is a widget's, an icon's: left to trafilatura)
    assert body_of(markup) == ('<div><div class="toc"><a href="/a">A</a></div><p>Intro.</p><p> tail <a href="/b"></a>'
                               '<a name="z">Named</a><a name="i"><img src="i.png"></a><a class="icon"></a></p></div>')


def test_a_headings_link_to_itself_goes_and_other_links_into_the_page_stay():
    markup = ('<h2>Usage<a class="headerlink" href="#usage">¶</a></h2><h3>Variants<a href="#v">§</a></h3>'
              '<p>See <a href="#usage">usage</a> or <a href="/p#x">¶</a>.</p>')
    assert body_of(markup) == ('<h2>Usage</h2><h3>Variants</h3>'
                               '<p>See <a href="#usage">usage</a> or <a href="/p#x">¶</a>.</p>')


def test_furniture_left_unclosed_around_the_page_becomes_a_division():
    article = f'<h1>Title</h1><p>{"word " * 250}</p>'
    assert body_of(f'<aside class="popup"><p>Join us</p>{article}</aside>') == (
        f'<div class="popup"><p>Join us</p>{article}</div>')
    assert body_of(f'<nav><a href="/">Home</a></nav><aside><p>{"word " * 250}</p></aside>{article}') == (
        f'<nav><a href="/">Home</a></nav><aside><p>{"word " * 250}</p></aside>{article}')  # half the words
    short = '<h1>Title</h1><p>A few words.</p>'
    assert body_of(f'<footer>{short}</footer>') == f'<footer>{short}</footer>'
    assert body_of(f'<h1>Title</h1><footer><p>{"word " * 250}</p></footer>') == (
        f'<h1>Title</h1><footer><p>{"word " * 250}</p></footer>')  # the page's heading is outside it


def test_the_pages_paragraphs_are_counted_only_for_furniture_that_may_hold_the_article(monkeypatch):
    counted: list[str] = []
    count = source._paragraph_words

    def counting(element: HtmlElement) -> int:
        counted.append(str(element.tag))
        return count(element)

    monkeypatch.setattr(source, "_paragraph_words", counting)
    long = "word " * 250
    # a footer without the page's headings and an aside with one of the two: no share to weigh
    kept = f'<h1>Title</h1><p>{long}</p><footer><p>{long}</p></footer><aside><h1>Title</h1><p>Join us</p></aside>'
    assert body_of(kept) == kept
    assert "body" not in counted
    counted.clear()
    assert body_of(f'<aside><h1>Title</h1><p>{long}</p></aside>') == f'<div><h1>Title</h1><p>{long}</p></div>'
    assert counted == ["aside", "body"]


def test_an_article_cut_apart_by_advertisements_is_joined():
    one, two = f'<p>One {"word " * 60}</p>', f'<p>Two {"word " * 60}</p>'
    markup = (f'<div class="row"><div class="body">{one}</div></div>'
              '<div class="ad"><span>Advertisement</span></div>'
              f'<div class="row"><div class="body">{two}</div></div>')
    assert body_of(markup) == (f'<div class="row"><div class="body">{one}{two}</div></div>'
                               '<div class="ad"><span>Advertisement</span></div>'
                               '<div class="row"><div class="body"></div></div>')


def test_containers_apart_side_by_side_or_short_stay_apart():
    long = "word " * 60
    comments = (f'<div class="c"><p><b>Jo Bloggs</b> on 3 May 2020</p><div class="text"><p>{long}</p></div></div>'
                f'<div class="c"><p><b>Al Smith</b> on 4 May 2020</p><div class="text"><p>{long}</p></div></div>')
    assert body_of(comments) == comments
    siblings = f'<div class="part"><p>{long}</p></div><div class="part"><p>{long}</p></div>'
    assert body_of(siblings) == siblings
    features = ('<div class="row"><div class="feature"><p>Fast.</p></div></div><div class="ad"></div>'
                '<div class="row"><div class="feature"><p>Cheap.</p></div></div>')
    assert body_of(features) == features


def test_layout_table_becomes_divisions():
    markup = ('<table width="800"><tr><td><a href="/">Home</a></td><td><h1>T</h1><p>Text <a>x</a> more.</p>'
              "</td></tr></table>")
    assert body_of(markup) == \
        '<div><div><a href="/">Home</a></div><div><h1>T</h1><p>Text <a>x</a> more.</p></div></div>'


def test_data_table_stays_a_table():
    rows = "".join(f"<tr><td>{n}</td><td>{n * n}</td><td>{n ** 3}</td></tr>" for n in range(5))
    markup = f"<table><thead><tr><th>n</th><th>square</th><th>cube</th></tr></thead><tbody>{rows}</tbody></table>"
    assert body_of(markup).startswith("<table><thead>")


def test_a_grid_whose_cells_hold_paragraphs_stays_a_table():
    row = "<tr><td><p>Small teams</p></td><td><p>Too complex</p></td><td><p>Friendly</p></td></tr>"
    assert body_of(f"<table><tbody>{row * 3}</tbody></table>").startswith("<table><tbody><tr><td><p>")
    listed = "<tr><td><p>Month one</p></td><td><ul><li>Book</li><li>Plan</li></ul></td><td>x</td></tr>"
    assert body_of(f"<table><tbody>{listed * 3}</tbody></table>").startswith("<div><div><p>Month one")


def test_pros_beside_cons_in_two_columns_stay_a_table_and_a_layout_of_two_columns_does_not():
    head = "<tr><td><p><strong>Pros</strong></p></td><td><p><strong>Cons</strong></p></td></tr>"
    row = "<tr><td><p><strong>Fast:</strong> no waiting.</p></td><td><p><strong>Costly:</strong> more.</p></td></tr>"
    assert body_of(f"<table><tbody>{head}{row * 3}</tbody></table>").startswith("<table><tbody><tr><td><p>")
    article = "<p>" + "A sentence of the article about the subject. " * 10 + "</p>"
    layout = (f'<tr><td><a href="/">Logo</a></td><td><a href="/a">About</a></td></tr>'
              f'<tr><td><a href="/b">Menu</a></td><td>{article * 3}</td></tr><tr><td>(c)</td><td>Contact</td></tr>')
    assert body_of(f"<table><tbody>{layout}</tbody></table>").startswith("<div><div>")
    post = ('<tr><td>2nd April 2025</td><td><a href="/p/2">#2</a></td></tr><tr><td><div><a href="/u/1">Geoffrey'
            '</a></div><div>Join Date: Jun 2024</div><div>Posts: 701</div></td><td><div>Does it help?</div></td></tr>'
            '<tr><td></td><td><a href="/reply">Reply</a></td></tr>')
    assert body_of(f"<table><tbody>{post}</tbody></table>").startswith("<div><div>")


def test_words_after_a_line_break_after_a_block_are_kept():
    assert body_of("<div><p>one</p> <br> two <a>x</a><br> <br> three</div>") == (
        "<div><p>one</p><p> <br> two <a>x</a></p><p> three</p></div>")


def test_a_big_table_of_data_with_a_note_in_a_paragraph_stays_a_table():
    rows = "".join(f"<tr><td>Item {n}</td><td>{n}g</td><td>{2 * n}g</td></tr>" for n in range(12))
    note = '<tr><td colspan="3"><p>Amounts are per person.</p></td></tr>'
    assert body_of(f"<table><tbody>{note}{rows}</tbody></table>").startswith("<table>")


def test_nothing_but_captions_is_lost():
    markup = ("<div>a <b>b</b><br><br>c<br>d<div>e <i>f</i></div>g</div>"
              "<table><tr><td>h <a>i</a><br><br>j</td></tr></table>")
    before = lxml_html.document_fromstring(f"<html><body>{markup}</body></html>").text_content().split()
    after = lxml_html.fragment_fromstring(body_of(markup), create_parent="div").text_content().split()
    assert "".join(after) == "".join(before)


PARSE_CASES = [
    '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" "http://www.w3.org/TR/xhtml1/DTD/x.dtd"/>\n'
    "<html><body><p>A doctype that closes itself</p></body></html>",
    "<!doctype html/><html><body><p>One line only</p></body></html>",
    "<!DOCTYPE html>\n<html lang=en/>\n<body><p>Control \x01 characters\x1f, \ufffe non-characters \uffff</p>",
    "<html lang=en />\n<head><title>Self-closed</title></head><body><p>html element</p></body>",
    "<html><body><p>A tab\t, a carriage return\r and a form feed\x0c</p></body></html>",
    "<!DOCTYPE html><html><head><title>T</title></head><body><form><input name=q><label>L</label></form>"
    "<p>Text <b>bold</b> &amp; more</p><!-- a comment --></body></html>",
    '<?xml version="1.0" encoding="utf-8"?><html><body><p>Déclaré</p></body></html>',  # text that names its encoding
    "<html/>\n<body><p>self-closed html</p></body>",
    "<p>a fragment only</p>",
    "just text, no markup at all",
    "",
]


@pytest.mark.parametrize("html", PARSE_CASES)
def test_parse_builds_the_tree_trafilatura_builds(html):
    ours, theirs = parse(html), load_html(html)
    assert (ours is None) == (theirs is None)
    if ours is not None and theirs is not None:
        assert lxml_html.tostring(ours) == lxml_html.tostring(theirs)


def test_parsed_elements_are_plain_html_elements():
    tree = parse("<html><body><form><input name=q><select><option>o</option></select></form></body></html>")
    assert tree is not None
    assert {type(element) for element in tree.iter()} == {HtmlElement}


def test_the_characters_deleted_are_trafilaturas():
    deleted = {chr(code) for code in range(0x10000) if INVALID_XML_CHARS.match(chr(code))}
    assert deleted == {chr(code) for code in CONTROL_BYTES} | set(NONCHARACTERS)


def test_code_lines_written_as_spans_of_a_line_class_end_in_a_line_break():
    markup = ('<pre><code><span class="line"><span>npm</span><span> create app</span></span>'
              '<span class="line"><span>cd</span><span> app</span></span>'
              '<span class="line-number">3</span><span class="token-line">npm run dev</span></code></pre>')
    assert body_of(markup) == (  # (the code's classes go, see below)
        '<pre><code><span><span>npm</span><span> create app</span></span>\n'
        '<span><span>cd</span><span> app</span></span>\n'
        '<span>3</span><span>npm run dev</span></code></pre>')


def pre_text(markup: str) -> str:
    return lxml_html.fromstring(body_of(markup)).text_content()


def test_numbers_of_code_lines_go_and_numbers_in_the_code_stay():
    gutter = '<span class="gutter">{}</span>'
    lines = "".join(f"<div>{gutter.format(number)}<div><div>{code}</div></div></div>"
                    for number, code in ((1, "x = <span class='n'>1</span>"), (2, ""), (3, "print(x)")))
    assert pre_text(f"<pre>{lines}</pre>") == "x = 1\n\nprint(x)"


def test_numbers_that_do_not_count_the_lines_stay():
    markup = "<pre><div><span>1</span><div>apple</div></div><div><span>3</span><div>pear</div></div>" \
             "<div><span>2</span><div>fig</div></div></pre>"
    assert pre_text(markup) == "1apple\n3pear\n2fig"


@pytest.mark.parametrize("html", PARSE_CASES)
def test_parse_reads_the_bytes_it_is_given_as_it_reads_the_text(html):
    given, encoded = parse(html, html.encode("utf-8", "surrogatepass")), parse(html)
    assert (given is None) == (encoded is None)
    if given is not None and encoded is not None:
        assert lxml_html.tostring(given) == lxml_html.tostring(encoded)


@pytest.mark.parametrize("html", ["<!DOCTYPE html>\n<html><body><p>Déjà vu</p></body></html>",
                                  "<!DOCTYPE html><html><body><p>Déjà vu, on one line</p></body></html>",
                                  "<html><body><p>Déjà vu</p></body></html>"])
def test_the_bytes_given_are_what_is_parsed(monkeypatch, html):
    handed: list[object] = []
    fromstring = parsing.lxml_html.fromstring

    def recorded(text, *args, **kwargs):
        handed.append(text)
        return fromstring(text, *args, **kwargs)

    monkeypatch.setattr(parsing.lxml_html, "fromstring", recorded)
    tree = parse(html, html.encode("utf-8"))
    assert [type(text) for text in handed] == [bytes]
    theirs = load_html(html)
    assert tree is not None and theirs is not None
    assert lxml_html.tostring(tree) == lxml_html.tostring(theirs)


def test_a_heading_between_the_parts_of_a_cut_article_moves_with_the_next_part():
    one, two = f'<p>One {"word " * 60}</p>', f'<p>Two {"word " * 60}</p>'
    markup = (f'<div class="row"><div class="body">{one}</div></div>'
              '<div class="ad"><span>Advertisement</span></div><h2>Second part</h2>'
              f'<div class="row"><div class="body">{two}</div></div>')
    assert body_of(markup) == (f'<div class="row"><div class="body">{one}<h2>Second part</h2>{two}</div></div>'
                               '<div class="ad"><span>Advertisement</span></div>'
                               '<div class="row"><div class="body"></div></div>')


def test_links_are_resolved_against_the_page_address_as_a_browser_follows_them():
    tree = lxml_html.document_fromstring(
        '<html><body><p><a href="guide.html">a</a> <a href="#usage">b</a> <a href="../up/x.html">c</a> '
        '<a href="/root">d</a> <a href="https://other.example/y">e</a> <a href="javascript:go()">f</a> '
        '<a href="mailto:ann@example.com">g</a> <a>h</a></p></body></html>')
    resolve_links(tree, "https://host.example/docs/v2/page.html")
    assert [anchor.get("href") for anchor in tree.iter("a")] == [
        "https://host.example/docs/v2/guide.html", "https://host.example/docs/v2/page.html#usage",
        "https://host.example/docs/up/x.html", "https://host.example/root", "https://other.example/y",
        "javascript:go()", "mailto:ann@example.com", None]


def test_links_are_resolved_against_the_pages_base_address():
    tree = lxml_html.document_fromstring('<html><head><base href="/static/"></head>'
                                         '<body><p><a href="guide.html">a</a></p></body></html>')
    resolve_links(tree, "https://host.example/docs/page.html")
    assert [anchor.get("href") for anchor in tree.iter("a")] == ["https://host.example/static/guide.html"]


ARTICLE_SENTENCES = " ".join(f"Sentence {number} of the essay says what the author thinks about it."
                             for number in range(30))


def test_an_article_inside_a_container_named_for_comments_is_read():
    page = f"""<html><body><h1>An essay</h1><div class="post-content"><div class="commentOnSelection">
<p>{ARTICLE_SENTENCES}</p></div></div>
<div class="comments"><p>A reader's reply that stays out of the article.</p></div></body></html>"""
    text = extract(page, "https://blog.example.org/essay").text
    assert "Sentence 29 of the essay" in text
    assert "A reader's reply" not in text


def test_a_comments_container_holding_little_of_the_article_or_around_it_stays():
    tree = prepare(lxml_html.document_fromstring(
        f"<html><body><div class='post-content'><p>{ARTICLE_SENTENCES}</p>"
        "<div class='comment-box'><p>Leave a reply</p></div></div></body></html>"))
    assert tree.find(".//div[@class='comment-box']") is not None
    # around the first body trafilatura would name stand comments: that body is a comment's
    tree = prepare(lxml_html.document_fromstring(
        f"<html><body><p>{ARTICLE_SENTENCES}</p><div class='comments'><div class='post-content'>"
        "<p>A reader's reply</p></div></div></body></html>"))
    assert tree.find(".//div[@class='comments']") is not None


def test_an_address_linked_more_than_once_is_resolved_alike_each_time():
    tree = lxml_html.document_fromstring(
        '<html><body><p><a href="guide.html">a</a> <a href="javascript:go()">b</a> <a href="guide.html">c</a> '
        '<a href="javascript:go()">d</a> <a href="#top">e</a> <a href="#top">f</a></p></body></html>')
    resolve_links(tree, "https://host.example/docs/page.html")
    assert [anchor.get("href") for anchor in tree.iter("a")] == [
        "https://host.example/docs/guide.html", "javascript:go()", "https://host.example/docs/guide.html",
        "javascript:go()", "https://host.example/docs/page.html#top", "https://host.example/docs/page.html#top"]


@pytest.mark.parametrize("holder", ["<ol><li>{}</li></ol>", "<dl><dt>Install</dt><dd>{}</dd></dl>",
                                    "<table><tr><th>Step</th></tr><tr><td>{}</td></tr></table>"])
def test_a_code_block_in_an_item_a_definition_or_a_cell_becomes_plain_code_keeping_its_lines(holder):
    code = ('<pre><style>.n{color:grey}</style><div><span class="n">1</span><div><b>pip</b> install gloss</div>'
            '</div><div><span class="n">2</span><div>gloss serve</div></div></pre>')
    assert "<p>Then run:</p><pre><code>1\npip install gloss\n2\ngloss serve</code></pre>" in body_of(
        holder.format(f"<p>Then run:</p>{code}"))


def test_a_code_block_in_a_list_item_keeps_its_lines_in_the_text():
    steps = ('<ol><li><p>Install it and start it:</p><pre>pip install gloss\ngloss serve</pre></li>'
             '<li><p>Open the page.</p></li></ol>')
    filler = f"<p>{'This sentence is here so that the page has enough article text to be kept. ' * 6}</p>"
    text = extract(f"<html><body><article>{filler}{steps}{filler}</article></body></html>",
                   "https://example.com/docs/start").text
    assert "Install it and start it:\n\npip install gloss\ngloss serve\n\nOpen the page." in text


def test_a_heading_linked_to_itself_becomes_plain_text_and_its_permalink_beside_it_goes():
    assert body_of('<div class="wrapper"><h2 id="usage"><a href="#usage">Usage</a></h2>'
                   '<a class="anchor" href="#usage"><svg></svg><span class="sr-only">Section titled “Usage”</span></a>'
                   '</div><h3 id="more"><a href="#other">More</a></h3>') == (
        '<div class="wrapper"><h2 id="usage">Usage</h2></div><h3 id="more"><a href="#other">More</a></h3>')


def test_a_section_heading_linked_to_itself_stays_in_the_text():
    filler = f"<p>{'This sentence is here so that the page has enough article text to be kept. ' * 6}</p>"
    section = ('<div class="heading-wrapper"><h2 id="why"><a href="#why">Why it is fast</a></h2>'
               '<a class="anchor-link" href="#why"><span class="sr-only">Section titled “Why it is fast”</span>'
               '</a></div>')
    text = extract(f"<html><body><article>{filler}{section}{filler}</article></body></html>",
                   "https://example.com/docs/start").text
    assert "\n\nWhy it is fast\n\n" in text and "Section titled" not in text


def test_a_link_of_a_heading_to_itself_showing_nothing_goes():
    assert body_of('<h2 id="setup">Setup<a class="hash-link" href="#setup" title="Direct link">\u200b</a></h2>'
                   '<p>See <a href="#setup">setup</a>.</p>') == (
        '<h2 id="setup">Setup</h2><p>See <a href="#setup">setup</a>.</p>')


def test_a_preformatted_block_without_code_has_what_it_holds_wrapped_in_code():
    assert body_of('<div class="example"><pre class="synopsis">FETCH <em><code>count</code></em>\n'
                   '    FROM <a href="cursors.html">cursor</a></pre></div>') == (
        '<div class="example"><pre class="synopsis"><code>FETCH <em><code>count</code></em>\n'
        '    FROM <a href="cursors.html">cursor</a></code></pre></div>')


def test_a_preformatted_block_holding_code_beside_its_controls_stays_as_it_is():
    markup = '<pre><a class="play" href="/play?code=main">Run</a><code>fn main() {\n}</code></pre>'
    assert body_of(markup) == markup


def test_the_code_of_a_code_block_loses_the_classes_that_trafilatura_reads_as_furniture():
    """A highlighter's token class ("hljs-meta") and a block's mode of showing its lines
    ("hide-boring") are no menu, no hidden element: the code stays whole. The block's own
    controls keep their classes."""
    markup = ('<pre class="playground"><div class="buttons"><button class="clip-button">Copy</button></div>'
              '<code class="language-rust hljs hide-boring"><span class="hljs-meta">#![allow(unused)]</span>\n'
              'fn read_username() {}</code></pre>')
    assert body_of(markup) == (
        '<pre class="playground"><div class="buttons"><button class="clip-button">Copy</button></div>'
        '\n<code><span>#![allow(unused)]</span>\nfn read_username() {}</code></pre>')
    paragraph = f"<p>{'A sentence of the chapter about reading a name from a file, at some length. ' * 4}</p>"
    result = extract(f"<html><body><main><h1>Errors</h1>{paragraph}{markup}{paragraph}</main></body></html>",
                     "https://example.org/book/errors.html")
    assert "#![allow(unused)]\nfn read_username() {}" in result.text


def test_preformatted_blocks_keep_their_lines_in_the_reader():
    """A synopsis with its arguments in italics, a listing with a link, a manual page in a quotation
    (tests/pages/documentation-preformatted-synopsis): each is one block keeping its lines."""
    folder = PAGES / "documentation-preformatted-synopsis"
    url = json.loads((folder / "expected.json").read_text(encoding="utf-8"))["url"]
    result = extract((folder / "source.html").read_text(encoding="utf-8"), url)
    assert ("<pre><code>RENEW [ LEASE ] table_name [, ...]\n    [ FOR interval ]\n    [ WHERE condition ]\n\n"
            "where interval is one of:\n\n    count { MINUTES | HOURS | DAYS }\n    FOREVER</code></pre>"
            in result.html)
    assert ("<pre><code>RENEW LEASE orders FOR 10 MINUTES\n    WHERE lease_owner() = current_user;</code></pre>"
            in result.html)
    assert ("<blockquote><pre><code>NAME\n       tw-renew - extend a lease from the command line\n\nSYNOPSIS\n"
            "       tw-renew [OPTION]... TABLE...</code></pre></blockquote>") in result.html
    assert "[ FOR interval ]\n    [ WHERE condition ]\nwhere interval is one of:" in result.text


# Searches that reach their elements through an attribute or a paragraph, and what asking each
# element of the body finds: the same elements, in the page's order, nested ones too.
SEARCHED_MARKUP = (
    '<div class="a"><p>One</p><div class="b"><p>Two</p></div><section><p>Three</p></section>'
    '<div itemscope hidden><p class="c">Four</p><div itemscope style="display: none"><p>Five</p></div></div>'
    '<div role="tabpanel"><div role="tabpanel" hidden><p>Six</p></div></div><div role="tabpanel tab"><p>Seven</p>'
    '</div><span itemscope style="color: red"><p>Eight</p></span></div><p>Nine</p><div class=""><p>Ten</p></div>'
    '<span>a<br><br>b<font>c<br>d</font></span><font><b>e<br>f</b></font><p>g<br><span>h<br></span><br>i</p><br>')


def test_the_searches_through_attributes_find_what_asking_each_element_finds():
    from server.extraction.panels import PANELS
    from server.extraction.source import BREAK_PARAGRAPHS, BREAK_WRAPPERS, HIDDEN_ITEMS, _split_candidates

    body = lxml_html.document_fromstring(f'<html><body class="page">{SEARCHED_MARKUP}</body></html>').find("body")
    assert body is not None
    elements = list(body.iterdescendants())
    assert _split_candidates(body) == [element for element in elements
                                       if element.get("class") is not None and element.find("p") is not None]
    assert [element.get("class") for element in _split_candidates(body)] == ["a", "b", ""]
    assert PANELS(body) == [element for element in elements if element.get("role") == "tabpanel"] != []
    hidden = [element for element in elements if element.get("itemscope") is not None and (
        element.get("hidden") is not None or "display:none" in (element.get("style") or "").replace(" ", ""))]
    assert HIDDEN_ITEMS(body) == hidden
    assert len(hidden) == 2
    broken = [element for element in elements if element.find("br") is not None]
    assert BREAK_WRAPPERS(body) == [element for element in broken if element.tag in ("span", "font")]
    assert [element.text for element in BREAK_WRAPPERS(body)] == ["a", "c", "h"]
    assert BREAK_PARAGRAPHS(body) == [element for element in broken if element.tag == "p"] != []
