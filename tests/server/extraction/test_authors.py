"""server/extraction/authors.py: authors as names only, declared ones first."""
from __future__ import annotations

import json

from lxml import html as lxml_html

from server.extraction.authors import clean_author, one_name
from server.extraction.metadata import Found, declared, page_metadata
from server.extraction.page_marks import page_marks
from server.extraction.titles import site_aliases


def tree_of(head: str, body: str = "") -> lxml_html.HtmlElement:
    return lxml_html.document_fromstring(f"<html><head>{head}</head><body>{body}</body></html>")


LONG_TEXT = "<p>" + "Words of the article go on for a while here. " * 30 + "</p>"


def jsonld(data: object) -> str:
    return f'<script type="application/ld+json">{json.dumps(data)}</script>'


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
    assert clean_author("Harbourlog", site_aliases(["Harbourlog"], "https://h.example/a")) is None
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


def test_microdata_authors_are_those_of_the_first_work_that_names_any():
    post = ('<div itemscope itemtype="https://schema.org/SocialMediaPosting"><span itemprop="author" itemscope '
            'itemtype="https://schema.org/Person"><meta itemprop="name" content="{}"></span></div>')
    page = declared(tree_of("", post.format("Alphabyte1") + post.format("Kaczynski") + post.format("Alphabyte1")))
    assert page.microdata_authors == ["Alphabyte1"]
    work = ('<article itemscope itemtype="https://schema.org/Article"><span itemprop="author">Ann Lee</span>'
            '<span itemprop="author">Bo Chen</span><span itemprop="author">Cy Dunn</span></article>')
    page = declared(tree_of('<meta property="og:type" content="article">', work))
    assert page.microdata_authors == ["Ann Lee", "Bo Chen", "Cy Dunn"]
    assert page_metadata(page, Found(), "https://n.example/a").author == "Ann Lee, Bo Chen and Cy Dunn"


def test_a_name_in_the_text_is_no_author_of_a_page_that_is_not_a_written_work():
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
    assert clean_author("Tom May") == "Tom May"
    assert clean_author("Audiophile On") == "Audiophile On"
    assert clean_author("Ann Lee on") == "Ann Lee"
    assert clean_author("Ann Lee on 3 May") == "Ann Lee"
    assert clean_author("Ann Lee May 3, 2024") == "Ann Lee"
    assert clean_author("Our Product Research") is None


def test_meta_author_tag_is_a_declared_author_unless_it_names_the_site_or_a_domain():
    page = declared(tree_of('<meta name="author" content="Karl Voit"><title>Notes</title>'))
    assert page_metadata(page, Found(), "https://k.example/a").author == "Karl Voit"
    site = declared(tree_of('<meta name="author" content="Harbourlog"><meta property="og:site_name" '
                            'content="Harbourlog">'))
    assert page_metadata(site, Found(), "https://h.example/a").author is None
    assert clean_author("TaxSlayerPro.com") is None


def test_the_site_is_the_author_of_a_dated_work_that_names_no_one_else():
    site = '<meta property="og:site_name" content="Harbourlog">'
    dated = site + '<meta property="article:published_time" content="2024-01-02">'
    url = "https://h.example/blog/a"
    assert page_metadata(declared(tree_of(site)), Found(author="Harbourlog"), url).author is None
    assert page_metadata(declared(tree_of(dated)), Found(author="Harbourlog"), url).author == "Harbourlog"
    assert page_metadata(declared(tree_of(dated + '<meta name="author" content="Harbourlog">')), Found(),
                         url).author == "Harbourlog"
    # a person named in the page outranks the site its meta tags name
    assert page_metadata(declared(tree_of(dated + '<meta name="author" content="Harbourlog">')),
                         Found(author="Ann Lee"), url).author == "Ann Lee"
    assert page_metadata(declared(tree_of(dated)), Found(author="Harbourlog"), "https://h.example/").author is None


def test_the_site_signs_a_dated_work_with_its_name_though_its_words_pass_for_no_person_s():
    def signed(site_name: str) -> str | None:
        head = (f'<meta property="og:site_name" content="{site_name}"><meta name="author" content="{site_name}">'
                '<meta property="article:published_time" content="2024-01-02">')
        return page_metadata(declared(tree_of(head)), Found(), "https://s.example/blog/a").author

    assert signed("Luxury Travel Expert") == "Luxury Travel Expert"  # a job title's word
    assert signed("98 Buck Social") == "98 Buck Social"  # digits
    assert signed("Kneib Dentistry PC") is None  # a business's legal name


def test_og_article_on_a_plain_web_page_is_a_written_work_only_with_a_byline():
    head = '<meta property="og:type" content="article">' + jsonld({"@type": "WebPage", "name": "Coupons"})
    url = "https://s.example/coupons/"
    assert page_metadata(declared(tree_of(head)), Found(author="Rachel M"), url).author is None
    bylined = declared(tree_of(head, "<p>By Rachel Moss</p>"))
    assert page_metadata(bylined, Found(author="Rachel Moss"), url).author == "Rachel Moss"
    assert page_metadata(declared(tree_of('<meta property="og:type" content="article">')), Found(author="Rachel M"),
                         url).author == "Rachel M"


def test_the_byline_shown_outranks_a_declared_author_it_does_not_name():
    head = jsonld({"@type": "Article", "headline": "H", "author": {"@type": "Person", "name": "KatieS"}})
    url = "https://t.example/a"
    shown = declared(tree_of(head, "<article><p>By Aoife Riordan</p><p>Text</p></article>"))
    assert page_metadata(shown, Found(), url).author == "Aoife Riordan"
    same = declared(tree_of(head, "<article><p>By KatieS Lee</p></article>"))
    assert page_metadata(same, Found(), url).author == "KatieS"
    credit = declared(tree_of(head, "<figure><figcaption><span>By Fred Brooks</span></figcaption></figure>"))
    assert page_metadata(credit, Found(), url).author == "KatieS"


def test_a_byline_far_below_the_heading_credits_a_part_not_the_work_its_json_ld_signs():
    head = jsonld({"@type": "BlogPosting", "headline": "Wrap-Up",
                   "author": {"@type": "Person", "name": "Spencer Mack"}})
    body = ("<article><h1>Wrap-Up</h1>" + LONG_TEXT + "<h3>New module</h3><p>Author: Tarek Nakk</p>"
            "<p>Type: Exploit</p></article>")
    assert page_metadata(declared(tree_of(head, body)), Found(), "https://r.example/blog/wrap-up").author == \
        "Spencer Mack"


def test_a_label_or_a_dash_after_a_name_is_no_part_of_it():
    assert clean_author("Summer Swann -") == "Summer Swann"
    assert clean_author("Full Bio") is None


def test_a_mark_that_joins_no_names_ends_the_names():
    assert clean_author("By Chris Mole ⋅ Founder and Editor-in-Chief ⋅ Updated May 6, 2025") == "Chris Mole"
    assert clean_author("Ann Lee • Staff and Guests") == "Ann Lee"
    assert clean_author("Ann Lee & Cy Dunn") == "Ann Lee and Cy Dunn"
    assert clean_author("Rory O'Sullivan and Jean-Luc Aufranc (CNXSoft)") == \
        "Rory O'Sullivan and Jean-Luc Aufranc (CNXSoft)"


def test_a_name_written_surname_first_is_read_in_reading_order_where_a_field_names_one_person():
    page = declared(tree_of('<meta name="citation_author" content="Roy, Aniruddha">'
                            '<meta name="citation_author" content="Kaufman, Jeff T.">'
                            '<meta name="author" content="Ann Lee, MD">'))
    assert page.meta_authors == ["Aniruddha Roy", "Jeff T. Kaufman", "Ann Lee, MD"]
    found = declared(tree_of(jsonld({"@type": "Article", "headline": "H",
                                     "author": [{"@type": "Person", "name": "Núñez, Ángel"},
                                                {"@type": "Person", "name": "Lee, Editor"}]})))
    assert found.authors == ["Ángel Núñez", "Lee"]
    assert one_name("Acme, Inc.") == "Acme, Inc."


def test_a_byline_without_a_declared_author_s_initial_names_that_author():
    head = '<meta property="og:type" content="article"><meta name="author" content="Kaufman, Jeff T.">'
    page = declared(tree_of(head, "<p>By Jeff Kaufman</p>"))
    assert page_metadata(page, Found(), "https://j.example/p/backups").author == "Jeff T. Kaufman"


def test_authors_given_together_and_again_one_by_one_are_named_once():
    head = ('<meta property="og:type" content="article"><meta name="author" content="Mark Sura and Jo Jaeger">'
            '<meta name="author" content="Mark Sura"><meta name="author" content="Jo Jaeger">')
    assert page_metadata(declared(tree_of(head)), Found(), "https://n.example/a").author == "Mark Sura and Jo Jaeger"
    found = declared(tree_of(jsonld({"@type": "Article", "headline": "H",
                                     "author": [{"@type": "Person", "name": "Ann Lee and Bo Chen"},
                                                {"@type": "Person", "name": "Bo Chen"}, "Cy Dunn"]})))
    assert found.authors == ["Ann Lee", "Bo Chen", "Cy Dunn"]


def test_an_address_ending_in_a_title_slug_marks_a_written_work():
    undated = declared(tree_of("<title>Notes</title>"))
    assert page_metadata(undated, Found(author="Sofia Kondrat"),
                         "https://e.example/blog/top-ten-elearning-companies-this-year/").author == "Sofia Kondrat"
    assert page_metadata(undated, Found(author="Sofia Kondrat"), "https://e.example/shop/boots").author is None


def test_a_team_byline_is_the_author_but_a_bare_label_or_job_title_is_not():
    assert clean_author("The Harbour Team") == "The Harbour Team"
    assert clean_author("Lifestyle Desk") == "Lifestyle Desk"
    assert clean_author("By Podium Staff") == "Podium Staff"
    assert clean_author("Editorial Team") is None
    assert clean_author("Staff") is None
    assert clean_author("Our Product Research Team") is None
    assert clean_author("Luxury Travel Expert") is None
    assert clean_author("Jane Doe Senior Editor") == "Jane Doe"


def test_words_of_the_page_s_controls_are_no_name_and_leave_a_name_they_follow():
    for label in ("Read More", "Sponsored Content", "Log In", "Uncategorized", "Unknown", "WordPress", "Comments"):
        assert clean_author(label) is None, label
    assert clean_author("Ann Lee Follow") == "Ann Lee"
    assert clean_author("Ann Lee No Comments") == "Ann Lee"
    assert clean_author("By Ann Lee Twitter") == "Ann Lee"
    assert clean_author("Mary Home") == "Mary Home"  # (a name of two words keeps both)
    assert clean_author("Marketing Team") == "Marketing Team"
    assert clean_author("Anonymous") == "Anonymous"  # as a writer may sign


def test_a_phrase_or_a_template_key_is_no_name():
    assert clean_author("Personal finance") is None
    assert clean_author("page.head.extra.author") is None
    assert clean_author("Ludwig van Beethoven") == "Ludwig van Beethoven"
    assert clean_author("hayley.p") == "hayley.p"


def test_publications_and_placeholders_are_no_author():
    assert clean_author("Clemson News") is None
    assert clean_author("User") is None
    assert clean_author("via scvalex") == "scvalex"


def test_json_ld_types_in_any_case_and_initials_as_a_name():
    found = declared(tree_of(jsonld({"@type": "article", "headline": "H",
                                     "author": {"@type": "person", "name": "Derek Seaman"}})))
    assert found.authors == ["Derek Seaman"]
    assert clean_author("JGD") == "JGD"


def test_a_site_named_after_its_writer_keeps_the_writer_as_author():
    aliases = site_aliases(["Ann Lee"], "https://annlee.example/notes/a")
    assert clean_author("Ann Lee", aliases) == "Ann Lee"
    assert clean_author("Acme", site_aliases(["Acme"], "https://acme.example/a")) is None
    assert clean_author("Kneib Dentistry PC") is None


def test_byline_in_the_page_after_a_label():
    from server.extraction.authors import page_byline

    def byline(body: str) -> str | None:
        return page_byline(page_marks(tree_of("", body)))

    assert byline('<p class="meta"><span>By <a href="/p/ann">Ann Lee</a></span> · May 3</p>') == "Ann Lee"
    assert byline("<div><p>Written by</p><p>Edzel Tabing</p></div>") == "Edzel Tabing"
    # the label may say what was written ("Article written by:"), as a heading over the writer's card
    assert byline('<section><h2>Article written by:</h2><div><img alt=""><h3>Ann Lee, MD</h3></div></section>') == \
        "Ann Lee"
    assert byline("<span>ByDaryl Austin</span>") == "Daryl Austin"
    # a sentence that says who wrote the article
    assert byline('<p><em>This post was written by <a href="/d/vm">Vanessa Mendez, MD</a>, gastroenterologist.</em>'
                  "</p>") == "Vanessa Mendez"
    assert byline("<p>This article was written by hand, then typed.</p>") is None
    assert byline('<a rel="author" href="/a/k">Kiersten</a>') == "Kiersten"
    # the name is the link after the label, not the links after it
    assert byline('<p>By <a href="/c/aj">A. J. Neal</a> <a href="/issue">View In Digital Edition</a></p>') == \
        "A. J. Neal"
    # a name of one word after the label is a writer's when it links to a writer's page
    assert byline('<p>by <a href="/author/amanda/">Amanda</a> · Dec 20, 2025</p>') == "Amanda"
    assert byline('<p>by <a href="/tag/amanda/">Category</a> · Dec 20, 2025</p>') is None
    # an aside within the article is its own panel; the site's aside beside it is not
    assert byline("<article><h1>T</h1><aside><h3>Author</h3><p>Lisa D. Ellis</p></aside><p>Text</p></article>") == \
        "Lisa D. Ellis"
    assert byline("<article><p>Text</p></article><aside><h3>Author</h3><p>Lisa D. Ellis</p></aside>") is None
    # so is a footer within the article (its byline, its tags), unlike the site's footer
    assert byline('<article><p>Text</p><footer><p>Filed by <a rel="author" href="/k">Kiersten</a></p></footer>'
                  "</article>") == "Kiersten"
    assert byline('<article><p>Text</p></article><footer><a rel="author" href="/k">Kiersten</a></footer>') is None
    # a byline whose text runs over several lines, and a name after a line break that follows the label
    assert byline("<p>by Jon Foster\n  -\n  2025-09-13</p>") == "Jon Foster"
    assert byline("<div><strong>Written by</strong> <br><strong><a>Adrien Ramos</a></strong>, 4+ years</div>") == \
        "Adrien Ramos"
    # a label alone in a box of its own, the name in the next box; but not a form field's label
    assert byline('<div><div><p>Posted By</p></div><div><p>Loona Builders</p></div></div>') == "Loona Builders"
    assert byline('<div><div><span>By:</span><input placeholder="Member"></div></div>'
                  '<div><button>Search</button><a>Advanced</a></div>') is None
    # "by" in a sentence or a table heading, and bylines of comments and sidebars, name no author
    assert byline("<p>By default the door stays shut.</p><th>by<br>year</th>") is None
    assert byline('<div class="comment-body"><p>By Bo Chen</p></div>'
                  "<aside><p>By Cy Dunn</p></aside>"
                  '<div class="related-posts"><p>By Di Eng</p></div>') is None


def test_the_maker_a_listing_credits_on_every_card_is_no_byline():
    from server.extraction.authors import REPEATED_CREDITS, page_byline

    def card(maker: str) -> str:
        return f'<div class="card"><a href="/p">A sofa</a><p>By {maker}</p><p>$499</p></div>'

    listing = "<h1>Sofas</h1>" + card("Acme Designs") * REPEATED_CREDITS + card("Bo Chen")
    assert page_byline(page_marks(tree_of("", listing))) == "Bo Chen"
    # A writer's name under the title, in the author box and in links to more of their work.
    article = ("<h1>T</h1><p>By Ann Lee</p>" + LONG_TEXT + '<div class="box"><p>By Ann Lee</p></div>'
               + "<p>By Ann Lee</p>" * (REPEATED_CREDITS - 3))
    assert page_byline(page_marks(tree_of("", article))) == "Ann Lee"


def test_byline_in_the_page_is_the_author_of_a_written_work_only():
    page = declared(tree_of('<meta property="og:type" content="article">', "<p>By Ann Lee</p>"))
    assert page_metadata(page, Found(), "https://n.example/a").author == "Ann Lee"
    listing = declared(tree_of("<title>Shop</title>", "<p>By Ann Lee</p>"))
    assert page_metadata(listing, Found(), "https://n.example/shop").author is None


def test_a_byline_just_below_the_heading_marks_a_written_work():
    standfirst = "<p>Ten ways to plan a quarter, and the one that works.</p>"
    page = declared(tree_of("", f"<h1>Planning a quarter</h1>{standfirst}<p>By Ann Lee - Mar 27, 2024</p>{LONG_TEXT}"))
    assert page.byline_by_heading()
    assert page_metadata(page, Found(), "https://n.example/planning").author == "Ann Lee"
    far = declared(tree_of("", f"<h1>Planning a quarter</h1>{LONG_TEXT}<p>By Ann Lee</p>"))
    assert not far.byline_by_heading()
    assert page_metadata(far, Found(), "https://n.example/planning").author is None
    above = declared(tree_of("", "<p>By Ann Lee</p><h1>Planning a quarter</h1>"))
    assert page_metadata(above, Found(), "https://n.example/planning").author is None
    # a home page lists many works, each with its byline
    assert page_metadata(page, Found(), "https://n.example/").author is None


def test_a_user_name_keeps_the_page_s_spelling():
    page = declared(tree_of('<meta property="og:type" content="article">',
                            '<div itemprop="author" itemscope itemtype="https://schema.org/Person">'
                            '<span itemprop="name">Ejp55230</span></div>'
                            '<div itemprop="author" itemscope itemtype="https://schema.org/Person">'
                            '<span itemprop="name">hayley.p</span></div>'))
    assert page_metadata(page, Found(author="Ejp"), "https://f.example/t/1").author == "Ejp55230"
    assert page_metadata(page, Found(author="Hayley P"), "https://f.example/t/1").author == "hayley.p"
    assert page_metadata(page, Found(author="Ann Lee"), "https://f.example/t/1").author == "Ann Lee"


def test_only_the_first_name_trafilatura_found_is_taken():
    article = declared(tree_of('<meta property="og:type" content="article">'))
    assert page_metadata(article, Found(author="Alphabyte1; Kaczynski"), "https://f.example/a").author == "Alphabyte1"
    assert page_metadata(article, Found(author="Updated; Ann Lee; Home"), "https://f.example/a").author == "Ann Lee"


def test_the_author_of_a_review_or_a_listed_book_is_not_the_page_s():
    page = declared(tree_of("", '<div itemscope itemtype="https://schema.org/Review">'
                                '<span itemprop="author">guitar_00</span><p>Lovely neck.</p></div>'
                                '<div itemscope itemtype="https://schema.org/Article">'
                                '<span itemprop="author">Ann Lee</span></div>'))
    assert (page.microdata_authors, page.listed_authors) == (["Ann Lee"], ["guitar_00"])
    product = declared(tree_of('<meta property="og:type" content="article">',
                               '<div itemscope itemtype="https://schema.org/Review">'
                               '<span itemprop="author">Richard I</span></div>'))
    assert page_metadata(product, Found(author="Richard I"), "https://s.example/free-crm").author is None


def test_words_of_an_author_label_are_no_name():
    assert clean_author("Authorization Forms") is None
    assert clean_author("Authoring Applications") is None


def test_a_page_below_a_blog_or_news_section_is_a_written_work():
    undated = declared(tree_of("<title>Notes</title>"))
    assert page_metadata(undated, Found(author="Dan Pantelo"), "https://m.example/blog/feed-specs").author == (
        "Dan Pantelo")
    assert page_metadata(undated, Found(author="Dan Pantelo"), "https://m.example/blog").author is None
    assert page_metadata(undated, Found(author="Dan Pantelo"), "https://m.example/services/feeds").author is None


def test_a_name_keeps_the_name_in_brackets_and_loses_a_writer_title():
    assert clean_author("Jean-Luc Aufranc (CNXSoft)") == "Jean-Luc Aufranc (CNXSoft)"
    assert clean_author("Rachel MacDonald Writer") == "Rachel MacDonald"
    assert clean_author("Staff Writer") is None
    assert clean_author("Jo Writer") == "Jo Writer"
    assert clean_author("Harbour Contributor") == "Harbour Contributor"


def test_the_index_of_a_blog_or_news_section_lists_others_works():
    dated = declared(tree_of('<meta property="article:published_time" content="2024-01-02">'))
    assert page_metadata(dated, Found(author="Logan Jones"), "https://s.example/news").author is None
    assert page_metadata(dated, Found(author="Logan Jones"), "https://s.example/news/rates-rise").author == (
        "Logan Jones")


def test_a_page_that_lists_others_works_has_no_author():
    front = declared(tree_of('<meta name="author" content="Connie Loizos">'
                             + jsonld({"@context": "https://schema.org", "@type": "CollectionPage", "name": "News"})))
    assert page_metadata(front, Found(author="Connie Loizos"), "https://n.example/latest").author is None
    article = declared(tree_of('<meta name="author" content="Connie Loizos">' + jsonld(
        {"@context": "https://schema.org", "@graph": [{"@type": "ItemList"}, {"@type": "NewsArticle"}]})))
    assert page_metadata(article, Found(), "https://n.example/latest").author == "Connie Loizos"


def test_a_qualifier_before_a_job_title_is_cut_with_it():
    assert clean_author("Harry Rabinowitz Tech Reporter") == "Harry Rabinowitz"
    assert clean_author("Linda Rosencrance Contributing Writer") == "Linda Rosencrance"
    # an initial makes three words a name
    assert clean_author("Ann K. Lee Editor") == "Ann K. Lee"


def test_a_declared_author_written_as_an_account_login_is_no_author_of_a_work():
    url = "https://b.example/blog/how-to-plan-a-week-of-training"
    for login, found in (("ann-lee", "Ann-Lee"), ("alee6vk2ma0c", "Alee")):
        head = jsonld({"@type": "BlogPosting", "headline": "H", "author": {"@type": "Person", "name": login}})
        assert page_metadata(declared(tree_of(head)), Found(author=found), url).author is None
        # a thread's user is named by a login as a matter of course
        assert page_metadata(declared(tree_of(head)), Found(), url, thread=True).author == login
    # a login in one word, or a name in words, is kept
    for kept in ("stephenlega", "ann.lee", "Ann Lee", "paulb203"):
        head = jsonld({"@type": "BlogPosting", "headline": "H", "author": {"@type": "Person", "name": kept}})
        assert page_metadata(declared(tree_of(head)), Found(), url).author == kept
    meta = declared(tree_of('<meta name="author" content="ann-lee"><meta property="og:type" content="article">',
                            "<p>By Bo Chen</p>"))
    assert page_metadata(meta, Found(author="Ann-Lee; Bo Chen"), url).author == "Bo Chen"


def test_a_body_named_beside_a_person_is_no_second_writer_but_signs_alone():
    found = declared(tree_of(jsonld({"@type": "NewsArticle", "headline": "H", "author": [
        {"@type": "Person", "name": "Ann Lee"}, {"@type": "Person", "name": "Harbour Garden Learning Network"}]})))
    assert found.authors == ["Ann Lee"]
    assert clean_author("Harbour Garden Society and Ann Lee") == "Ann Lee"
    assert clean_author("World Podcast Network") == "World Podcast Network"


def test_a_page_below_a_site_s_products_or_services_has_no_author():
    head = jsonld({"@type": "Article", "headline": "H", "author": {"@type": "Person", "name": "Supriya"}})
    head += '<meta name="author" content="Ann Lee">'
    for url in ("https://s.example/services/seo-audits/", "https://s.example/en/products/boots",
                "https://s.example/shop/mugs/white-mug"):
        assert page_metadata(declared(tree_of(head)), Found(author="Supriya"), url).author is None
    assert page_metadata(declared(tree_of(head)), Found(), "https://s.example/blog/our-services").author == "Supriya"


def test_the_name_marked_as_the_author_s_stands_for_a_declared_author_that_reads_as_no_name():
    marked = '<div class="author-info"><span>May 2, 2024</span><span>Bo Chen</span></div><p>Text.</p>'
    login = declared(tree_of(jsonld({"@type": "Article", "headline": "H", "author": {"name": "ann.lee"}}), marked))
    assert page_metadata(login, Found(), "https://n.example/a").author == "Bo Chen"
    label = declared(tree_of('<meta name="author" content="Site Admin"><meta property="og:type" content="article">',
                             marked))
    assert page_metadata(label, Found(), "https://n.example/a").author == "Bo Chen"
    # a declared name a person signs with is kept, even of one word
    for name in ("Ann Lee", "Mazi"):
        named = declared(tree_of(jsonld({"@type": "Article", "headline": "H", "author": {"name": name}}), marked))
        assert page_metadata(named, Found(), "https://n.example/a").author == name


def test_an_account_s_handle_shown_does_not_outrank_a_declared_full_name():
    head = jsonld({"@type": "Article", "headline": "H", "author": {"@type": "Person", "name": "Lisa Greene-Lewis"}})
    page = declared(tree_of(head, '<article><a rel="author" href="/author/turbotaxlisa/">TurboTaxLisa</a>'
                                  "<p>Text</p></article>"))
    assert page.byline == "TurboTaxLisa"
    assert page_metadata(page, Found(), "https://t.example/a").author == "Lisa Greene-Lewis"


def test_the_byline_of_an_article_inside_an_aside_left_unclosed_is_the_article_s():
    # the aside holds the page's heading and its every paragraph: it is no sidebar
    page = declared(tree_of("", '<aside class="banner"><h1>Lessons</h1><p>By Tim Enwall</p>' + LONG_TEXT * 2
                            + "</aside>"))
    assert page.byline == "Tim Enwall"
    sidebar = declared(tree_of("", '<h1>Lessons</h1>' + LONG_TEXT * 2 + '<aside><p>By Tim Enwall</p></aside>'))
    assert sidebar.byline is None
