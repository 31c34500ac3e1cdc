"""server/extraction/page_marks.py: the elements declared() reads, found in one walk."""
from __future__ import annotations

import json

from lxml import html as lxml_html

from server.extraction.metadata import declared
from server.extraction.page_marks import page_marks

DECLARING_PAGE = (
    "<html itemscope itemtype='https://schema.org/WebPage'><head>"
    "<title>Tides of the North | Harbour</title>"
    '<meta property="og:title" content="Tides of the North">'
    '<meta property="og:site_name" content="Harbour">'
    '<meta property="og:type" content="article">'
    '<meta name="author" content="Ann Lee">'
    '<meta property="article:published_time" content="2024-03-02T10:00:00Z">'
    '<meta itemprop="datePublished" content="2024-03-01">'
    '<script type="application/ld+json">'
    + json.dumps({"@type": "NewsArticle", "headline": "Tides of the North, explained",
                  "author": {"@type": "Person", "name": "Ann Lee"}, "datePublished": "2024-03-02"})
    + "</script></head><body>"
    "<article itemscope itemtype='https://schema.org/Article'>"
    "<h1>Tides of the <a href='/tides'>North</a></h1>"
    "<p class='byline'>By Ann Lee · <time datetime='2024-03-02T11:00:00+01:00'>March 2, 2024</time></p>"
    "<span itemprop='author' itemscope itemtype='https://schema.org/Person'><span itemprop='name'>Ann Lee</span></span>"
    "<p>The moon pulls on the sea.</p>"
    "<div itemscope itemtype='https://schema.org/Review'><span itemprop='author'>Bo Chen</span></div>"
    "</article>"
    "<div class='thread'><a class='UserName' href='/members/cy'>Cy Dunn</a></div>"
    "</body></html>")


def test_declared_reads_json_ld_open_graph_and_microdata_from_one_walk():
    page = declared(lxml_html.document_fromstring(DECLARING_PAGE))
    assert (page.title, page.authors, page.published) == ("Tides of the North, explained", ["Ann Lee"], "2024-03-02")
    assert (page.site_names, page.og_type, page.meta_authors) == (["Harbour"], "article", ["Ann Lee"])
    assert page.dates == ["2024-03-02T10:00:00Z", "2024-03-01"]
    assert page.time_dates == ["2024-03-02T11:00:00+01:00"]
    assert (page.microdata_authors, page.listed_authors) == (["Ann Lee"], ["Bo Chen"])
    assert (page.byline, page.poster) == ("Ann Lee", "Cy Dunn")
    assert page.headings == ["Tides of the North"]
    assert page.page_title == "Tides of the North | Harbour"
    # the root's own itemtype is not read (as the searches of the tree below it did not)
    assert page.item_types == ["https://schema.org/Article", "https://schema.org/Person", "https://schema.org/Review"]


def test_marks_in_the_head_and_in_the_body_are_told_apart():
    marks = page_marks(lxml_html.document_fromstring(
        '<html><head><meta itemprop="datePublished" content="2024-03-01"><meta name="a" content="b"></head>'
        '<body><div><meta name="c" content="d"></div><time datetime="2024">x</time><time>y</time>'
        '<p itemprop="author">Ann Lee</p><p>By Bo Chen</p></body></html>'))
    assert [meta.get("name") or meta.get("itemprop") for meta in marks.metas] == ["datePublished", "a"]
    assert [element.tag for element in marks.itemprops] == ["meta", "p"]
    assert [element.tag for element in marks.body_itemprops] == ["p"]
    assert [element.text for element in marks.times] == ["x"]
    assert [element.text for element in marks.byline_candidates] == ["By Bo Chen"]


def test_user_marks_are_found_by_attribute_class_in_any_case_and_profile_link():
    marks = page_marks(lxml_html.document_fromstring(
        "<html><body><div author='ann'>post</div><span class='postUser'>bo</span>"
        "<a href='/members/cy.3/'>cy</a><a href='/about'>about</a><span class='user'>di</span></body></html>"))
    assert [element.text for element in marks.poster_marks] == ["post", "bo", "cy"]
    unmarked = page_marks(lxml_html.document_fromstring(
        "<html><body><span class='user'>di</span><a href='/about'>about</a></body></html>"))
    assert unmarked.poster_marks == []


def test_json_ld_scripts_are_found_in_the_walk_wherever_they_stand():
    tree = lxml_html.document_fromstring(
        "<html><head><script type='application/ld+json'>{\"@type\": \"WebSite\", \"name\": \"Harbour\"}</script>"
        "<script type='text/javascript'>var a = 1;</script></head><body><div>"
        "<script type='application/ld+json'>[{\"@type\": \"NewsArticle\", \"headline\": \"Tides\"},"
        " {\"@type\": \"BlogPosting\", \"headline\": \"Other\"}]</script>"
        "<script type='application/json'>{\"@type\": \"Article\", \"headline\": \"No\"}</script></div></body></html>")
    assert [getattr(script.getparent(), "tag", None) for script in page_marks(tree).json_ld] == ["head", "div"]
    page = declared(tree)
    assert (page.title, page.site_names) == ("Tides", ["Harbour"])
    assert page.types == {"WebSite", "NewsArticle", "BlogPosting"}
    alone = lxml_html.fragment_fromstring("<script type='application/ld+json'>{\"@type\": \"Article\"}</script>")
    assert page_marks(alone).json_ld == [alone]


def test_a_scripts_or_a_styles_text_is_no_byline_or_label():
    tree = lxml_html.document_fromstring(
        "<html><head><style>author { color: red }</style></head><body>"
        "<script>author = 'By Ann Lee';</script><script>About the author</script>"
        "<p class='byline'>By Bo Chen</p><h2>About the author</h2></body></html>")
    marks = page_marks(tree)
    assert [element.tag for element in marks.byline_candidates] == ["p"]
    assert [element.tag for element in marks.about_labels] == ["h2"]
