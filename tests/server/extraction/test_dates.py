"""server/extraction/dates.py: the date the page shows beside its heading, then the declared
publication date, never the modification date."""
from __future__ import annotations

import json

from lxml import html as lxml_html

from server.extraction.dates import ShownDate, choose_date, dates_by_heading, iso_date, shown_dates
from server.extraction.metadata import declared


def tree_of(head: str, body: str = "") -> lxml_html.HtmlElement:
    return lxml_html.document_fromstring(f"<html><head>{head}</head><body>{body}</body></html>")


def jsonld(data: object) -> str:
    return f'<script type="application/ld+json">{json.dumps(data)}</script>'


PUBLISHED_META = '<meta property="article:published_time" content="2023-02-03T10:00:00Z">'
LONG_TEXT = "<p>" + "Words of the article go on for a while here. " * 30 + "</p>"


def test_date_prefers_declared_published_over_modified_and_trafilatura():
    page = declared(tree_of('<meta property="article:modified_time" content="2024-05-01T10:00:00Z">'
                            + PUBLISHED_META))
    assert choose_date(page, "2024-05-01", "https://n.example/a") == "2023-02-03"
    jsonld_page = declared(tree_of(jsonld({"@type": "BlogPosting", "headline": "H", "datePublished": "2021-07-08",
                                           "dateModified": "2022-01-01"})))
    assert choose_date(jsonld_page, None, "https://n.example/a") == "2021-07-08"


def test_a_year_found_alone_by_the_search_is_no_date():
    undated = declared(tree_of("", LONG_TEXT + "<p>© 2026 · March 4, 2026</p>"))
    assert choose_date(undated, "2026-01-01", "https://n.example/a") is None
    assert choose_date(undated, "2026-03-04", "https://n.example/a") == "2026-03-04"
    new_year = declared(tree_of('<meta property="article:published_time" content="2025-01-01T10:00:00Z">'))
    assert choose_date(new_year, "2025-01-01", "https://n.example/a") == "2025-01-01"


def test_date_from_itemprop_time_element_or_url():
    itemprop = declared(tree_of("", '<span itemprop="datePublished" content="March 4, 2019">4 Mar</span>'))
    assert choose_date(itemprop, None, "https://n.example/a") == "2019-03-04"
    timed = declared(tree_of("", '<p>Posted <time datetime="2020-10-11T08:00">Oct 11</time></p>'
                                 '<time datetime="2021-01-01">later</time>'))
    assert choose_date(timed, None, "https://n.example/a") == "2020-10-11"
    assert choose_date(declared(tree_of("")), None, "https://n.example/2018/06/09/slug") == "2018-06-09"
    assert choose_date(declared(tree_of("")), None, "https://n.example/slug") is None
    assert choose_date(declared(tree_of("")), None, "https://n.example/the-year-20251218") == "2025-12-18"
    assert choose_date(declared(tree_of("")), None, "https://n.example/p/120251218") is None  # (an id)


def test_iso_date_refuses_what_is_no_day():
    assert iso_date("2025-11-25 08:33:24") == "2025-11-25"
    assert iso_date("Jun 24, 2025") == "2025-06-24"
    assert iso_date("March 11, 2026 9:00 am EST") == "2026-03-11"  # a zone dateutil does not know, no warning
    assert iso_date("Created: Dec 19, 2025") == "2025-12-19"  # as the page would show it
    assert iso_date("2025年3月4日 10:00") == "2025-03-04"
    assert iso_date("2025") is None
    assert iso_date("2025-13-40") is None
    assert iso_date("not a date") is None


def test_a_day_the_search_finds_that_the_page_never_writes_is_no_date():
    # a day made of a file's name, an address or an id is none the page gives its reader
    named = declared(tree_of('<meta property="og:image" content="https://n.example/img/PI_20240309_cover.jpg">',
                             LONG_TEXT + '<p><a href="https://n.example/l/93/2024-03-09/x1">Sign up</a></p>'))
    assert choose_date(named, "2024-03-09", "https://n.example/a") is None
    shown = declared(tree_of("", LONG_TEXT + "<p>Ann Lee, Mar. 9th 2024</p>"))
    assert choose_date(shown, "2024-03-09", "https://n.example/a") == "2024-03-09"


def test_a_day_the_search_finds_only_in_the_data_of_scripts_is_no_date():
    # a framework's store of the site's items, a calendar's slots, the server's clock
    script = '<script>window.page = {"createdAt": "2024-03-09T10:00:00Z"};</script>'
    scripted = declared(tree_of(script, LONG_TEXT + script))
    assert choose_date(scripted, "2024-03-09", "https://n.example/a") is None
    marked = declared(tree_of(script, LONG_TEXT + '<p><time datetime="2024-03-09T10:00:00Z">A year ago</time></p>'))
    assert marked.writes_day("2024-03-09")  # (a <time> would give the date before the search)
    tagged = declared(tree_of('<meta name="w-published-date" content="2024-03-09T06:03:43Z">' + script, LONG_TEXT))
    assert choose_date(tagged, "2024-03-09", "https://n.example/a") == "2024-03-09"


def test_thread_that_declares_no_date_is_dated_by_its_opening_post():
    posts = ("<table><tr><td>Thread Tools</td></tr><tr><td>30th March 2025, 16:26 #1</td></tr>"
             "<tr><td>Ann: my card shows the wrong refresh rate.</td></tr>"
             "<tr><td>2nd April 2025, 13:59 #2</td></tr><tr><td>Bob: update the driver.</td></tr></table>")
    page = declared(tree_of("<title>Wrong refresh rate</title>", posts))
    assert choose_date(page, "2011-08-03", "https://f.example/showthread.php?t=1", thread=True) == "2025-03-30"
    assert choose_date(page, "2025-04-02", "https://f.example/showthread.php?t=1", thread=True) == "2025-04-02"
    assert choose_date(page, "2011-08-03", "https://f.example/showthread.php?t=1") is None


def test_date_of_a_thread_is_its_first_post_created():
    thread = declared(tree_of("", '<h1>Why is it slow?</h1><p>asked May 21, 2018</p>'
                                  '<time itemprop="dateCreated" datetime="2014-02-04 13:02:51Z">Feb 4</time>'
                                  '<div itemprop="datePublished">2018-05-21 20:37:55 +00:00</div>'))
    assert choose_date(thread, "2020-07-05", "https://q.example/questions/1", thread=True) == "2014-02-04"


def test_shown_dates_as_pages_write_them():
    text = ("March 4, 2025 · 4th March 2025 · Mar. 4 2025 · 2025-03-04 · 24.03.2025 · 3/24/2025 · "
            "3/4/2025 · 03.04.2025 · 4/4/2025")
    assert [shown.value for _, shown in shown_dates(text)] == [
        "2025-03-04", "2025-03-04", "2025-03-04", "2025-03-04", "2025-03-24", "2025-03-24", "2025-04-04"]


def test_shown_date_labelled_as_a_revision():
    assert [shown for _, shown in shown_dates("Published May 2, 2024 · Last updated: June 3, 2024")] == [
        ShownDate("2024-05-02", updated=False), ShownDate("2024-06-03", updated=True)]


def test_dates_by_heading_are_the_byline_not_the_article_or_the_page_around():
    page = tree_of("", "<nav><p>Latest: January 2, 2020</p>" + LONG_TEXT + "</nav>"
                       "<p>Blog › News › May 1, 2024</p><h1>The heading</h1><p>By Ann Lee · May 2, 2024</p>"
                       + LONG_TEXT + "<p>On June 5, 2019 the council voted.</p>"
                       "<script>var d = 'July 7, 2024';</script>")
    assert [shown.value for shown in dates_by_heading(page)] == ["2024-05-02", "2024-05-01"]
    assert dates_by_heading(tree_of("", "<p>May 2, 2024</p>")) == []


def test_shown_date_comes_before_the_declared_one():
    page = declared(tree_of(PUBLISHED_META, "<h1>The heading</h1><p>By Ann Lee · Mar 9, 2024</p>"))
    assert choose_date(page, "2023-02-03", "https://n.example/a") == "2024-03-09"


def test_shown_revision_date_gives_way_to_a_declared_publication_date():
    page = declared(tree_of(PUBLISHED_META, "<h1>The heading</h1><p>Updated on Mar 9, 2024</p>"))
    assert choose_date(page, None, "https://n.example/a") == "2023-02-03"
    undeclared = declared(tree_of("", "<h1>The heading</h1><p>Updated on Mar 9, 2024</p>"))
    assert choose_date(undeclared, "2023-02-03", "https://n.example/a") == "2024-03-09"


def test_shown_revision_date_comes_before_a_date_declared_in_json_ld_alone():
    json_ld_only = jsonld({"@type": "Article", "headline": "H", "datePublished": "2025-05-19T22:12:02Z"})
    page = declared(tree_of(json_ld_only, "<h1>The heading</h1><p>By Ann Lee · Updated August 14, 2025</p>"))
    assert choose_date(page, "2025-05-19", "https://n.example/a") == "2025-08-14"
    tagged = declared(tree_of(json_ld_only + PUBLISHED_META,
                              "<h1>The heading</h1><p>By Ann Lee · Updated August 14, 2025</p>"))
    assert choose_date(tagged, None, "https://n.example/a") == "2025-05-19"


def test_declared_date_a_shown_date_confirms_wins_give_or_take_a_time_zone():
    page = declared(tree_of(PUBLISHED_META, "<h1>The heading</h1><p>Mar 9, 2024 · February 2, 2023</p>"))
    assert choose_date(page, None, "https://n.example/a") == "2023-02-03"


def test_date_in_a_sentence_of_the_article_is_not_its_date():
    page = tree_of("", "<h1>Filing your taxes</h1><p>The deadline for most filers is April 15, 2025, "
                       "unless you live in an area hit by a disaster this year.</p><p>By Ann Lee, Jan 17, 2025</p>")
    assert [shown.value for shown in dates_by_heading(page)] == ["2025-01-17"]


def test_heading_of_the_article_is_not_the_site_logo():
    page = tree_of("", '<h1><a href="/">Site Name</a></h1><p>Menu</p><p>April 1, 2020</p>' + LONG_TEXT
                       + "<h1>The article</h1><p>Posted on December 18, 2025</p>")
    assert [shown.value for shown in dates_by_heading(page)] == ["2025-12-18"]
    logo_only = tree_of("", '<h1><a href="/">Site Name</a></h1><h2>The article</h2><p>2025-12-20</p>'
                            + LONG_TEXT + "<h1>Conclusions</h1><p>Thanks for reading.</p>")
    assert [shown.value for shown in dates_by_heading(logo_only)] == ["2025-12-20"]


def test_heading_of_the_article_is_the_one_in_its_main_content():
    page = tree_of("", '<header><div role="dialog"><h1 class="sr-only">Search</h1><form>Find</form>'
                       '<p>Open until March 3, 2025</p></div></header>' + LONG_TEXT
                       + "<main><article><h1>The article</h1><p>December 24, 2024</p></article></main>")
    assert [shown.value for shown in dates_by_heading(page)] == ["2024-12-24"]


def test_shown_publication_date_comes_before_a_shown_revision_date():
    page = declared(tree_of("", "<p>December 22, 2022</p><h1>The heading</h1><p>Updated January 2, 2026</p>"))
    assert choose_date(page, None, "https://n.example/a") == "2022-12-22"
    revised = declared(tree_of(PUBLISHED_META, "<h1>The heading</h1><p>Published Apr 26, 2023 · "
                                               "Updated Feb 3, 2023</p>"))
    assert choose_date(revised, None, "https://n.example/a") == "2023-04-26"


def test_date_in_the_address_settles_a_day_of_difference():
    utc = declared(tree_of('<meta property="article:published_time" content="2025-12-19T03:05:00+00:00">'))
    assert choose_date(utc, None, "https://n.example/2025/12/18/slug") == "2025-12-18"
    assert choose_date(utc, None, "https://n.example/2025/11/02/slug") == "2025-12-19"


def test_date_of_a_json_ld_web_page_when_no_work_is_declared():
    page = declared(tree_of(jsonld({"@graph": [
        {"@type": "WebPage", "@id": "https://n.example/a", "datePublished": "2024-03-17T19:47:39+00:00",
         "dateModified": "2024-05-03T10:57:58+00:00"},
        {"@type": "WebSite", "@id": "https://n.example/#website", "name": "N"}]})))
    assert choose_date(page, "2024-05-03", "https://n.example/a") == "2024-03-17"
    both = declared(tree_of(jsonld({"@graph": [
        {"@type": "WebPage", "datePublished": "2020-01-01"},
        {"@type": "Article", "headline": "H", "datePublished": "2021-02-02"}]})))
    assert choose_date(both, None, "https://n.example/a") == "2021-02-02"


def test_shown_date_confirms_a_utc_moment_only_on_a_day_a_time_zone_reaches():
    late = jsonld({"@type": "Article", "headline": "H", "datePublished": "2025-12-19T22:02:58.705Z"})
    page = declared(tree_of(late, "<h1>The heading</h1><p>Ann Lee · December 18, 2025</p>"))
    assert choose_date(page, "2025-12-19", "https://n.example/a") == "2025-12-18"
    early = jsonld({"@type": "Article", "headline": "H", "datePublished": "2025-12-19T03:05:00Z"})
    page = declared(tree_of(early, "<h1>The heading</h1><p>Ann Lee · December 18, 2025 · Jan 2, 2026</p>"))
    assert choose_date(page, None, "https://n.example/a") == "2025-12-19"
    evening = jsonld({"@type": "Article", "headline": "H", "datePublished": "2025-12-19T20:00:00+00:00"})
    page = declared(tree_of(evening, "<h1>The heading</h1><p>Ann Lee · December 20, 2025 · Jan 2, 2026</p>"))
    assert choose_date(page, None, "https://n.example/a") == "2025-12-19"


def test_declared_date_marked_up_again_in_a_time_element_stays():
    page = declared(tree_of(PUBLISHED_META, '<h1>The heading</h1><p>Tools · 2022-04-12</p>'
                                            '<p><time datetime="2023-02-03T09:00">Feb 3</time></p>'))
    assert choose_date(page, None, "https://n.example/a") == "2023-02-03"
    untimed = declared(tree_of(PUBLISHED_META, '<h1>The heading</h1><p>Tools · 2022-04-12</p>'))
    assert choose_date(untimed, None, "https://n.example/a") == "2022-04-12"


def test_shown_dates_in_other_languages():
    text = "4. März 2025 · 4 mars 2025 · 4 de marzo de 2025 · 4 maart 2025 · 24 août 2025"
    assert [shown.value for _, shown in shown_dates(text)] == [
        "2025-03-04", "2025-03-04", "2025-03-04", "2025-03-04", "2025-08-24"]
    assert [shown.updated for _, shown in shown_dates("Veröffentlicht 2. Mai 2024, aktualisiert am 3. Juni 2024")] == [
        False, True]


def test_shown_dates_with_abbreviated_months_in_other_languages():
    text = "04-ago-2021 5:11 · 12 janv. 2024 · 3 juil 2020 · 4 set 2021 · 9-Aug-2021 · Sept. 4, 2025"
    assert [shown.value for _, shown in shown_dates(text)] == [
        "2021-08-04", "2024-01-12", "2020-07-03", "2021-09-04", "2021-08-09", "2025-09-04"]
    # day-first languages' abbreviations that are English words, and a name, do not start a date
    assert shown_dates("Set 4, 2021 · Gen 2 2024 · Marc 4, 2021") == []


def test_shown_dates_year_first_as_east_asian_pages_write_them():
    text = "2025/03/04 · 2025.03.05 · 2025年3月6日 · 2025년 3월 7일 · v2025.03.08 · /2025/03/09/slug"
    assert [shown.value for _, shown in shown_dates(text)] == ["2025-03-04", "2025-03-05", "2025-03-06", "2025-03-07"]


def test_declared_utc_moment_read_on_the_site_clock_of_its_time_element():
    utc = jsonld({"@type": "DiscussionForumPosting", "headline": "H", "datePublished": "2025-12-18T23:25:38+00:00"})
    page = declared(tree_of(utc, '<p><time datetime="2025-12-19T04:25:38+0500">Dec 19</time></p>'))
    assert choose_date(page, None, "https://f.example/t/1", thread=True) == "2025-12-19"
    local = jsonld({"@type": "DiscussionForumPosting", "headline": "H", "datePublished": "2024-04-18T00:13:04+0300"})
    page = declared(tree_of(local, '<p><time datetime="2024-04-17T21:13:04Z">Apr 18</time></p>'))
    assert choose_date(page, None, "https://f.example/t/2", thread=True) == "2024-04-18"


def test_thread_opening_post_gives_the_day_of_a_declared_date_without_a_zone():
    server_clock = jsonld({"@type": "DiscussionForumPosting", "headline": "Trip report",
                           "datePublished": "2026-02-15 03:05:48"})
    page = declared(tree_of(server_clock, "<h1>Trip report</h1><p>Ann · Feb 14, 2026, 9:05 pm</p>"
                                          "<p>Bob · Feb 20, 2026</p>"))
    assert choose_date(page, None, "https://f.example/t/3", thread=True) == "2026-02-14"
    far = declared(tree_of(server_clock, "<h1>Trip report</h1><p>Ann · Joined Feb 9, 2026</p>"))
    assert choose_date(far, None, "https://f.example/t/3", thread=True) == "2026-02-15"


def test_date_the_text_says_it_was_originally_published_on_comes_before_the_byline():
    page = declared(tree_of("", "<h1>The heading</h1><p>By Ann Lee · 30 Sep 2022</p>" + LONG_TEXT
                            + "<p>This article was originally published on \n 26 Sep 2019 at 4:12pm but has been"
                              " regularly updated.</p>"))
    assert choose_date(page, None, "https://n.example/a") == "2019-09-26"
    unlabelled = declared(tree_of("", "<h1>The heading</h1><p>By Ann Lee · 30 Sep 2022</p>" + LONG_TEXT
                                  + "<p>It was published on 26 Sep 2019.</p>"))
    assert choose_date(unlabelled, None, "https://n.example/a") == "2022-09-30"


def test_a_shop_or_a_list_has_no_date_searched_in_its_text():
    product = declared(tree_of(jsonld({"@type": "Product", "name": "Kettle"}), "<h1>Kettle</h1>" + LONG_TEXT))
    assert choose_date(product, "2024-03-09", "https://shop.example/kettle") is None
    microdata = declared(tree_of("", '<div itemscope itemtype="https://schema.org/Product"><h1>Kettle</h1></div>'))
    assert choose_date(microdata, "2024-03-09", "https://shop.example/kettle") is None
    listing = declared(tree_of(jsonld({"@type": "CollectionPage", "name": "Kettles"}), "<h1>Kettles</h1>"))
    assert choose_date(listing, "2024-03-09", "https://shop.example/kettles") is None
    review = declared(tree_of(jsonld({"@type": ["Review", "Product"], "name": "Kettle"}),
                              "<h1>Kettle</h1>" + LONG_TEXT + "<p>Ann Lee, 9 March 2024</p>"))
    assert choose_date(review, "2024-03-09", "https://n.example/kettle-review") == "2024-03-09"


def test_a_page_whose_open_graph_type_is_a_product_has_no_date_searched_in_its_text():
    product = declared(tree_of('<meta property="og:type" content="product.group">', "<h1>Kettles</h1>"))
    assert choose_date(product, "2024-03-09", "https://shop.example/kettles") is None


def test_the_web_page_record_of_a_shop_or_a_list_is_no_publication_date():
    graph = [{"@type": "WebPage", "@id": "https://shop.example/kettle", "datePublished": "2016-09-06T10:37:18Z"},
             {"@type": "Product", "name": "Kettle"}]
    product = declared(tree_of(jsonld({"@graph": graph}), "<h1>Kettle</h1>" + LONG_TEXT))
    assert choose_date(product, None, "https://shop.example/kettle") is None
    listing = declared(tree_of(jsonld({"@type": "CollectionPage", "datePublished": "2016-09-06T10:37:18Z"}),
                               "<h1>Kettles</h1>"))
    assert choose_date(listing, None, "https://shop.example/kettles") is None
    article = declared(tree_of(jsonld({"@graph": graph[:1]}), "<h1>Kettles we tried</h1>" + LONG_TEXT))
    assert choose_date(article, None, "https://n.example/kettles") == "2016-09-06"


def test_shown_date_that_is_the_declared_modification_day_gives_way_to_a_declared_publication_date():
    modified = '<meta property="article:modified_time" content="2024-03-09T10:00:00+00:00">'
    page = declared(tree_of(PUBLISHED_META + modified, "<h1>The heading</h1><p>By Ann Lee · Mar 9, 2024</p>"))
    assert choose_date(page, None, "https://n.example/a") == "2023-02-03"
    json_ld = jsonld({"@type": "BlogPosting", "headline": "H", "dateModified": "2024-03-09T10:00:00Z"})
    page = declared(tree_of(PUBLISHED_META + json_ld, "<h1>The heading</h1><p>By Ann Lee · Mar 9, 2024</p>"))
    assert choose_date(page, None, "https://n.example/a") == "2023-02-03"
    other_day = declared(tree_of(PUBLISHED_META + modified, "<h1>The heading</h1><p>By Ann Lee · Mar 2, 2024</p>"))
    assert choose_date(other_day, None, "https://n.example/a") == "2024-03-02"  # not the revision's day
    undeclared = declared(tree_of(modified, "<h1>The heading</h1><p>By Ann Lee · Mar 9, 2024</p>"))
    assert choose_date(undeclared, None, "https://n.example/a") == "2024-03-09"  # the only date it gives
