"""server/extraction/author_marks.py: the writer's name where only the markup marks it."""
from __future__ import annotations

from lxml import html as lxml_html

from server.extraction.author_marks import marked_author
from server.extraction.metadata import Found, declared, page_metadata


def body_of(html: str) -> lxml_html.HtmlElement:
    body = lxml_html.document_fromstring(f"<html><head></head><body>{html}</body></html>").find(".//body")
    assert body is not None
    return body


def test_the_name_in_an_element_marked_as_the_author_s_past_the_date_beside_it():
    assert marked_author(body_of('<div class="publish-date-author">Dec. 19, 2025 · Ann Lee on behalf of '
                                 'the docs group</div>')) == "Ann Lee"
    assert marked_author(body_of('<div class="dateAndAuthorContainer"><span>Dec 17, 2025</span>'
                                 '<span>Ann K. Lee</span></div>')) == "Ann K. Lee"
    assert marked_author(body_of('<div class="tga-author-card"><p>Ann Lee| Author</p><p>Ann Lee is a coach.</p>'
                                 '</div>')) == "Ann Lee"


def test_a_marked_element_must_hold_a_full_name():
    # a one-word name of a company, then the writer; a phrase is no name
    assert marked_author(body_of('<div class="post_author-list"><div>Acme</div><div>AI platform for health</div>'
                                 '<div>Bo Chen</div></div>')) == "Bo Chen"
    assert marked_author(body_of('<div class="author">by default</div>')) is None
    assert marked_author(body_of('<div class="authority-badge">Ann Lee</div>')) is None


def test_a_reviewer_or_an_editor_is_not_the_writer():
    body = body_of('<div class="author-line">Reviewed by <a class="author-link">Bo Chen</a>'
                   '<p>Expert Home and Garden Contributor</p></div><div class="author">Ann Lee</div>')
    assert marked_author(body) == "Ann Lee"
    assert marked_author(body_of('<div class="author">Edited by Bo Chen</div>')) is None


def test_a_marked_byline_that_names_no_one_ends_the_search():
    body = body_of('<div class="byline-author">Written by <a>Acme</a> Staff Writer</div>'
                   '<div class="card"><a href="/other">Other work</a><div class="card-author">Cy Dunn</div></div>')
    assert marked_author(body) is None


def test_others_names_are_passed_over():
    assert marked_author(body_of('<nav><span class="author-menu">Ann Lee</span></nav>')) is None
    assert marked_author(body_of('<div class="comment"><span class="comment-author">Dee Fox</span></div>')) is None
    assert marked_author(body_of('<div class="author"><figure><figcaption>Photo: Bo Chen</figcaption></figure>'
                                 '<span>Ann Lee</span></div>')) == "Ann Lee"


def test_a_written_work_takes_the_marked_name_when_nothing_else_names_its_writer():
    html = ('<html><head><meta property="og:type" content="article"></head><body><h1>Tides</h1>'
            '<div class="post-author"><img alt=""><span>Ann Lee</span></div><p>Text.</p></body></html>')
    page = declared(lxml_html.document_fromstring(html))
    assert page_metadata(page, Found(), "https://n.example/tides").author == "Ann Lee"
    shop = declared(lxml_html.document_fromstring(html.replace(' property="og:type" content="article"', "")))
    assert page_metadata(shop, Found(), "https://n.example/tides").author is None
    # a name declared or found by trafilatura comes first
    assert page_metadata(page, Found(author="Bo Chen"), "https://n.example/tides").author == "Bo Chen"


def test_og_article_on_a_plain_web_page_is_a_written_work_where_a_marked_name_stands_below_its_heading():
    head = ('<meta property="og:type" content="article"><script type="application/ld+json">'
            '{"@type": "WebPage", "name": "Trends"}</script>')
    text = "<p>" + "Words of the article go on for a while here. " * 30 + "</p>"
    bylined = (f'<html><head>{head}</head><body><h1>Cleaning trends</h1>'
               f'<div class="post-hero__author">Ann Lee</div>{text}</body></html>')
    assert page_metadata(declared(lxml_html.document_fromstring(bylined)), Found(), "https://n.example/trends/"
                         ).author == "Ann Lee"
    # a client's name in a quotation's card far below the heading does not make a service page a written work
    quoted = (f'<html><head>{head}</head><body><h1>Our tools</h1>{text}<blockquote>Saves time.</blockquote>'
              f'<div class="tm-author"><div class="name">Ann Lee</div></div></body></html>')
    assert page_metadata(declared(lxml_html.document_fromstring(quoted)), Found(author="Ann Lee"),
                         "https://n.example/tools/").author is None


def test_the_page_s_own_classes_do_not_put_its_parts_outside_the_article():
    # a page's <body> names its kind ("comments-page", "related-products-..."): its byline is still the article's
    body = body_of('<div class="post-author">Ann Lee</div><p>Text.</p>')
    body.set("class", "listing-page comments-page")
    assert marked_author(body) == "Ann Lee"


def test_a_work_whose_classes_name_its_author_s_account_is_not_the_author_s_element():
    # "author-ann-lee" among a post's classes marks the whole post: its first name is a menu's
    body = body_of('<article class="hentry category-news author-ann-lee"><nav class="crumbs"><a>Shop All</a></nav>'
                   '<p>Text.</p></article>')
    assert marked_author(body) is None
