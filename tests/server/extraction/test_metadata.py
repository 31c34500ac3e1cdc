"""server/extraction/metadata.py: structured data first, each value cleaned to what it names."""
from __future__ import annotations

import json

from lxml import html as lxml_html

from server.extraction.metadata import declared


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


def test_date_prefers_declared_published_over_modified_and_trafilatura():
    from server.extraction.metadata import choose_date

    page = declared(tree_of('<meta property="article:modified_time" content="2024-05-01T10:00:00Z">'
                            '<meta property="article:published_time" content="2023-02-03T10:00:00Z">'))
    assert choose_date(page, "2024-05-01", "https://n.example/a") == "2023-02-03"
    jsonld_page = declared(tree_of(jsonld({"@type": "BlogPosting", "headline": "H", "datePublished": "2021-07-08",
                                           "dateModified": "2022-01-01"})))
    assert choose_date(jsonld_page, None, "https://n.example/a") == "2021-07-08"


def test_date_from_itemprop_time_element_or_url():
    from server.extraction.metadata import choose_date

    itemprop = declared(tree_of("", '<span itemprop="datePublished" content="March 4, 2019">4 Mar</span>'))
    assert choose_date(itemprop, None, "https://n.example/a") == "2019-03-04"
    timed = declared(tree_of("", '<p>Posted <time datetime="2020-10-11T08:00">Oct 11</time></p>'
                                 '<time datetime="2021-01-01">later</time>'))
    assert choose_date(timed, None, "https://n.example/a") == "2020-10-11"
    assert choose_date(declared(tree_of("")), None, "https://n.example/2018/06/09/slug") == "2018-06-09"
    assert choose_date(declared(tree_of("")), None, "https://n.example/slug") is None


def test_iso_date_refuses_what_is_no_day():
    from server.extraction.metadata import iso_date

    assert iso_date("2025-11-25 08:33:24") == "2025-11-25"
    assert iso_date("Jun 24, 2025") == "2025-06-24"
    assert iso_date("2025") is None
    assert iso_date("2025-13-40") is None
    assert iso_date("not a date") is None


def test_date_of_a_thread_is_its_first_post_created():
    from server.extraction.metadata import choose_date

    thread = declared(tree_of("", '<time itemprop="dateCreated" datetime="2014-02-04 13:02:51Z">Feb 4</time>'
                                  '<div itemprop="datePublished">2018-05-21 20:37:55 +00:00</div>'))
    assert choose_date(thread, "2020-07-05", "https://q.example/questions/1") == "2014-02-04"
