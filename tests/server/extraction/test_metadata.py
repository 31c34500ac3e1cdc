"""server/extraction/metadata.py: structured data first, each value cleaned to what it names."""
from __future__ import annotations

import json

from lxml import html as lxml_html

from server.extraction.metadata import choose_title, clean_site_name, clean_title, declared, site_aliases


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


def test_title_loses_the_site_name_on_either_side():
    aliases = site_aliases(["Harbour Log"], "https://harbourlog.example.net/a")
    assert clean_title("Tide Tables | Harbour Log", aliases) == "Tide Tables"
    assert clean_title("Harbour Log - Tide Tables", aliases) == "Tide Tables"
    assert clean_title("Tides - Why They Matter", aliases) == "Tides - Why They Matter"
    assert clean_title("Night Trains | Rail Weekly - news that moves", site_aliases(
        ["Rail Weekly - news that moves"], "https://rw.example/a")) == "Night Trains"


def test_title_is_the_heading_that_matches_the_declared_one():
    found = declared(tree_of('<meta property="og:title" content="Recent Trends in Photography | Snap">',
                             "<h1>8 Recent Trends in Photography</h1>"))
    assert choose_title(found, None, site_aliases(["Snap"], "https://snap.example/a")) == (
        "8 Recent Trends in Photography")
    unrelated = declared(tree_of('<meta property="og:title" content="Recent Trends in Photography">',
                                 "<h1>Newsletter</h1>"))
    assert choose_title(unrelated, None, set()) == "Recent Trends in Photography"


def test_site_name_without_tagline():
    assert clean_site_name("Rail & Road Weekly - Travel news that moves") == "Rail & Road Weekly"
    assert clean_site_name("  ") is None


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


def test_title_entities_decoded_and_description_refused():
    aliases = site_aliases(["Happy Days"], "https://happydays.example/a")
    assert clean_title("Tools &#8211; Spreadsheets - Happy Days", aliases) == "Tools – Spreadsheets"
    assert clean_title("word " * 60, aliases) is None


def test_lone_heading_wins_over_an_unrelated_declared_title():
    found = declared(tree_of('<meta property="og:title" content="Amp Machine Review With Photos">',
                             "<h1>I Tried the Strength Training System for a Month</h1>"))
    assert choose_title(found, None, set()) == "I Tried the Strength Training System for a Month"
    two = declared(tree_of('<meta property="og:title" content="Amp Machine Review">',
                           "<h1>Latest stories of the week</h1><h1>More from our writers today</h1>"))
    assert choose_title(two, None, set()) == "Amp Machine Review"


def test_heading_that_is_the_last_part_of_the_title_element_is_the_site():
    from server.extraction.metadata import Found, page_metadata

    page = declared(tree_of("<title>Building a Pixel Pipeline - Part 1 | Playful Tones</title>",
                            "<h1>Playful Tones</h1>"))
    assert page_metadata(page, Found(), "https://p.example/a").title == "Building a Pixel Pipeline - Part 1"


def test_short_label_after_a_bar_is_dropped():
    found = declared(tree_of('<meta property="og:title" content="How meditation rewires brains | Opinion">'))
    assert choose_title(found, None, set()) == "How meditation rewires brains"
    long_tail = declared(tree_of('<meta property="og:title" content="Tides | Why the moon pulls on the sea">'))
    assert choose_title(long_tail, None, set()) == "Tides | Why the moon pulls on the sea"


def test_heading_loses_its_permalink_mark():
    found = declared(tree_of('<meta property="og:title" content="Middleware | Django docs">',
                             '<h1>Middleware<a class="headerlink" href="#m">¶</a></h1>'))
    assert choose_title(found, None, site_aliases(["Django docs"], "https://d.example/a")) == "Middleware"


def test_a_title_that_is_only_the_site_name_gives_way_to_the_title_element():
    from server.extraction.metadata import Found, page_metadata

    page = declared(tree_of("<title>Discuss the 7.1 release here - boxforum.org</title>"))
    meta = page_metadata(page, Found(title="boxforum.org"), "https://boxforum.org/t/1")
    assert meta.title == "Discuss the 7.1 release here"


def test_date_of_a_thread_is_its_first_post_created():
    from server.extraction.metadata import choose_date

    thread = declared(tree_of("", '<time itemprop="dateCreated" datetime="2014-02-04 13:02:51Z">Feb 4</time>'
                                  '<div itemprop="datePublished">2018-05-21 20:37:55 +00:00</div>'))
    assert choose_date(thread, "2020-07-05", "https://q.example/questions/1") == "2014-02-04"


def test_heading_that_is_one_part_of_the_title_is_the_title():
    found = declared(tree_of('<meta property="og:title" content="Flexbox - Learn web development | Docs Hub">',
                             "<h1>Flexbox</h1>"))
    assert choose_title(found, None, site_aliases(["Docs Hub"], "https://docs.example/a")) == "Flexbox"


def test_leading_label_before_the_title_is_dropped():
    found = declared(tree_of("<title>x</title>", "<h1>Thread: What to look for in a host?</h1>"))
    assert choose_title(found, "Thread: What to look for in a host?", set()) == "What to look for in a host?"


def test_a_heading_broken_over_lines_keeps_its_words_apart():
    page = declared(tree_of("", "<h1>Data Analytics<br>Agency</h1>"
                                "<h2>News <span>Product</span><div>Management</div></h2>"))
    assert page.headings == ["Data Analytics Agency"]
