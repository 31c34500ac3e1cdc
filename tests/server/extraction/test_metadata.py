"""server/extraction/metadata.py: structured data first, each value cleaned to what it names."""
from __future__ import annotations

import json

from lxml import html as lxml_html

from server.extraction.metadata import clean_author, declared
from server.extraction.titles import site_aliases


def tree_of(head: str, body: str = "") -> lxml_html.HtmlElement:
    return lxml_html.document_fromstring(f"<html><head>{head}</head><body>{body}</body></html>")


def jsonld(data: object) -> str:
    return f'<script type="application/ld+json">{json.dumps(data)}</script>'


def test_json_ld_work_gives_title_persons_date_and_publisher():
    found = declared(tree_of(jsonld({"@context": "https://schema.org", "@graph": [
        {"@type": "WebSite", "@id": "#site", "name": "The Site"},
        {"@type": "NewsArticle", "headline": "A Headline", "datePublished": "2020-01-02",
         "author": [{"@type": "Person", "name": "Ann Lee"}, {"@type": "Organization", "name": "The Site"}],
         "publisher": {"@id": "#org"}, "image": {"@type": "ImageObject", "url": "https://x.org/a.jpg"}},
        {"@type": "Organization", "@id": "#org", "name": "Site Media"}]})))
    assert (found.title, found.authors, found.published, found.image) == (
        "A Headline", ["Ann Lee"], "2020-01-02", "https://x.org/a.jpg")
    assert "Site Media" in found.site_names and "The Site" in found.site_names


def test_broken_json_ld_is_ignored():
    found = declared(tree_of('<script type="application/ld+json">{"@type": "Article", "headline": </script>'
                             '<meta property="og:title" content="From OG">'))
    assert found.title == "From OG" and found.authors == []


def test_organization_alone_is_no_author():
    found = declared(tree_of(jsonld({"@type": "Article", "headline": "H",
                                     "author": {"@type": "Organization", "name": "Acme"}})))
    assert found.authors == []


def test_author_is_names_only():
    assert clean_author("By Ines Carvalho; Transport Correspondent") == "Ines Carvalho"
    assert clean_author("Jane Doe Monday, 3 March 2024") == "Jane Doe"
    assert clean_author("Acme Published Feb 08, 2022") == "Acme"
    assert clean_author("Ann Lee and Bo Chen") == "Ann Lee and Bo Chen"
    assert clean_author("Editorial Team") is None
    assert clean_author("https://example.org/authors/ann") is None
    assert clean_author("Harbour Log", site_aliases(["Harbour Log"], "https://h.example/a")) is None
    assert clean_author("June Carter") == "June Carter"


def test_author_refuses_credentials_organizations_and_labels_and_keeps_user_names():
    assert clean_author("Ann Lee and Bo Chen and Cy Dunn") == "Ann Lee, Bo Chen and Cy Dunn"
    assert clean_author("Jillian Kubala and RD") == "Jillian Kubala"
    assert clean_author("Acme Widgets Inc") is None
    assert clean_author("Loyola Marymount University") is None
    assert clean_author("--Reset-Author") is None
    assert clean_author("Cazzy Magennis Last updated") == "Cazzy Magennis"
    assert clean_author("paulb203") == "paulb203"
    assert clean_author("Jane Doe 12 March") == "Jane Doe"


def test_microdata_author_is_read():
    page = declared(tree_of("", '<div itemprop="author" itemscope itemtype="https://schema.org/Person">'
                                '<span itemprop="name">Trevor Jackins</span><span>Staff writer</span></div>'))
    assert page.microdata_authors == ["Trevor Jackins"]


def test_a_name_in_the_text_is_no_author_of_a_page_that_is_not_a_written_work():
    from server.extraction.metadata import Found, page_metadata

    listing = declared(tree_of("<title>Shop boots</title>"))
    assert page_metadata(listing, Found(author="Logan Jones"), "https://s.example/boots").author is None
    article = declared(tree_of('<meta property="og:type" content="article">'))
    assert page_metadata(article, Found(author="Logan Jones"), "https://s.example/a").author == "Logan Jones"
    dated = declared(tree_of('<meta property="article:published_time" content="2024-01-02">'))
    assert page_metadata(dated, Found(author="Logan Jones"), "https://s.example/a").author == "Logan Jones"
    # a home page lists many works: a name in its text is one teaser's author
    assert page_metadata(dated, Found(author="Logan Jones"), "https://s.example/").author is None
    declared_author = declared(tree_of('<meta name="author" content="Ann Lee">'))
    assert page_metadata(declared_author, Found(), "https://s.example/").author == "Ann Lee"


def test_author_job_title_after_the_name_is_cut_and_calendar_words_are_no_name():
    assert clean_author("Harry Rabinowitz Senior Reporter") == "Harry Rabinowitz"
    assert clean_author("Lead Reviewer") is None
    assert clean_author("This post was written by Dana Padula") == "Dana Padula"
    assert clean_author("Recipe by PJ Hamel") == "PJ Hamel"
    assert clean_author("Sun Dec") is None
    assert clean_author("August") is None
    assert clean_author("Wyndo Dec") == "Wyndo"
    assert clean_author("Our Product Research") is None


def test_meta_author_tag_is_a_declared_author_unless_it_names_the_site_or_a_domain():
    from server.extraction.metadata import Found, page_metadata

    page = declared(tree_of('<meta name="author" content="Karl Voit"><title>Notes</title>'))
    assert page_metadata(page, Found(), "https://k.example/a").author == "Karl Voit"
    site = declared(tree_of('<meta name="author" content="Harbour Log"><meta property="og:site_name" '
                            'content="Harbour Log">'))
    assert page_metadata(site, Found(), "https://h.example/a").author is None
    assert clean_author("TaxSlayerPro.com") is None


def test_an_address_ending_in_a_title_slug_marks_a_written_work():
    from server.extraction.metadata import Found, page_metadata

    undated = declared(tree_of("<title>Notes</title>"))
    assert page_metadata(undated, Found(author="Sofia Kondrat"),
                         "https://e.example/blog/top-ten-elearning-companies-this-year/").author == "Sofia Kondrat"
    assert page_metadata(undated, Found(author="Sofia Kondrat"), "https://e.example/shop/boots").author is None


def test_group_bylines_are_no_person_and_are_not_cut_to_half_a_name():
    assert clean_author("The Investopedia Team") is None
    assert clean_author("TOI Lifestyle Desk") is None
    assert clean_author("Luxury Travel Expert") is None
    assert clean_author("Jane Doe Senior Editor") == "Jane Doe"


def test_publications_and_placeholders_are_no_author():
    assert clean_author("Clemson News") is None
    assert clean_author("User") is None
    assert clean_author("via scvalex") == "scvalex"


def test_json_ld_types_in_any_case_and_initials_as_a_name():
    found = declared(tree_of(jsonld({"@type": "article", "headline": "H",
                                     "author": {"@type": "person", "name": "Derek Seaman"}})))
    assert found.authors == ["Derek Seaman"]
    assert clean_author("JGD") == "JGD"
