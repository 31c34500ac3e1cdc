"""server/extraction/author_about.py: the writer an "About the author" box introduces."""
from __future__ import annotations

from lxml import html as lxml_html

from server.extraction.metadata import Found, declared, page_metadata

ARTICLE_HEAD = '<meta property="og:type" content="article">'
URL = "https://n.example/blog/cloud-computing"


def tree_of(head: str, body: str) -> lxml_html.HtmlElement:
    return lxml_html.document_fromstring(f"<html><head>{head}</head><body>{body}</body></html>")


def test_the_name_after_an_about_the_author_label_alone_or_opening_a_biography():
    page = declared(tree_of("", "<h1>Clouds</h1><p>Text.</p><p>About the Author:</p>"
                                "<p>Juliette Carreiro is a skilled content creator with five years of practice.</p>"))
    assert page.introduced_author() == "Juliette Carreiro"
    alone = declared(tree_of("", "<p>Text.</p><h3>About the author</h3><div><span>Ann K. Lee</span></div>"))
    assert alone.introduced_author() == "Ann K. Lee"
    titled = declared(tree_of("", "<p>Text.</p><h3>ABOUT THE AUTHOR</h3><p>Matt Frankel, CFP, writes on banks.</p>"))
    assert titled.introduced_author() == "Matt Frankel"


def test_no_name_where_the_label_introduces_none_or_stands_in_a_sidebar():
    assert declared(tree_of("", "<h3>About the author</h3><p>I write about coffee.</p>")).introduced_author() is None
    assert declared(tree_of("", "<aside><h3>About the author</h3><p>Ann Lee</p></aside>")).introduced_author() is None
    assert declared(tree_of("", "<p>More about the author of this book</p><p>Ann Lee</p>")).introduced_author() is None


def test_a_written_work_takes_the_introduced_name_when_nothing_else_names_its_writer():
    page = declared(tree_of(ARTICLE_HEAD, "<h1>Clouds</h1><p>Text.</p><h3>About the author</h3><p>Ann Lee</p>"))
    assert page_metadata(page, Found(), URL).author == "Ann Lee"
    assert page_metadata(page, Found(author="Bo Chen"), URL).author == "Bo Chen"


def test_the_box_spells_the_name_trafilatura_found_in_full():
    page = declared(tree_of(ARTICLE_HEAD, "<h1>Data</h1><p>Text.</p><h2>About the author</h2>"
                                          "<p>Paramita (Guha) Ghosh has a background in data science.</p>"))
    assert page_metadata(page, Found(author="Paramita Ghosh"), URL).author == "Paramita (Guha) Ghosh"
