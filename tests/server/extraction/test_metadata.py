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




def test_json_ld_a_next_js_page_pushes_as_a_script_to_be_made_is_read():
    data = {"@context": "https://schema.org", "@graph": [
        {"@type": "BlogPosting", "headline": "Wrap-Up", "author": [{"@type": "Person", "name": "Spencer Mack"}]}]}
    pushed = json.dumps([0, {"type": "application/ld+json", "children": json.dumps(data)}])
    found = declared(tree_of("", f"<script>(self.__next_s=self.__next_s||[]).push({pushed})</script>"))
    assert found.authors == ["Spencer Mack"] and found.title == "Wrap-Up"
    code = json.dumps([0, {"children": "window.dataLayer = [];"}])
    assert declared(tree_of("", f"<script>(self.__next_s=self.__next_s||[]).push({code})</script>")).authors == []
