"""server/extraction/titles.py: the title as the article names itself, the site's name without its tagline."""
from __future__ import annotations

import json

from lxml import html as lxml_html

from server.extraction.headings import own_headings, repaired
from server.extraction.metadata import Found, declared, page_metadata
from server.extraction.titles import choose_title, clean_site_name, clean_title, site_aliases, site_names_of


def jsonld(data: object) -> str:
    return f'<script type="application/ld+json">{json.dumps(data)}</script>'


def tree_of(head: str, body: str = "") -> lxml_html.HtmlElement:
    return lxml_html.document_fromstring(f"<html><head>{head}</head><body>{body}</body></html>")


def test_title_loses_the_site_name_on_either_side():
    aliases = site_aliases(["Harbour Log"], "https://harbourlog.example.net/a")
    assert clean_title("Tide Tables | Harbour Log", aliases) == "Tide Tables"
    assert clean_title("Harbour Log - Tide Tables", aliases) == "Tide Tables"
    assert clean_title("Tides - Why They Matter", aliases) == "Tides - Why They Matter"
    assert clean_title("Night Trains | Rail Weekly - news that moves", site_aliases(
        ["Rail Weekly - news that moves"], "https://rw.example/a")) == "Night Trains"


def test_title_is_the_heading_that_matches_the_declared_one():
    found = declared(tree_of('<meta property="og:title" content="Recent Trends in Photography | Snap">'
                             '<meta property="og:type" content="article">',
                             "<h1>8 Recent Trends in Photography</h1>"))
    assert choose_title(found, None, site_aliases(["Snap"], "https://snap.example/a")) == (
        "8 Recent Trends in Photography")
    unrelated = declared(tree_of('<meta property="og:title" content="Recent Trends in Photography">',
                                 "<h1>Newsletter</h1>"))
    assert choose_title(unrelated, None, set()) == "Recent Trends in Photography"


def test_site_name_without_tagline():
    assert clean_site_name("Rail & Road Weekly - Travel news that moves") == "Rail & Road Weekly"
    assert clean_site_name("  ") is None
    assert clean_site_name("rr.news: Forums for rail fans", "https://forum.rr.news/t/1") == "rr.news"
    # the part that names the host, wherever it stands
    assert clean_site_name("Find a Provider Near You - Book Online - Sofia Health",
                           "https://sofia-health.example/c/cost") == "Sofia Health"


def test_site_name_without_copyright_and_never_an_address():
    assert clean_site_name("© 2000-2026 Newegg Inc.") == "Newegg Inc."
    assert clean_site_name("Copyright 2024 Harbour Log, all rights reserved") == "Harbour Log"
    assert clean_site_name("Http://@Harbour") is None
    assert clean_site_name("blog.example.fr%2Farticles%2F2025") is None


def test_site_name_is_the_declared_one_that_names_the_host():
    page = declared(tree_of('<meta property="og:site_name" content="Headphone Reviews and Discussion">'
                            + jsonld({"@type": "WebSite", "name": "Head-Fi.org"})))
    assert page_metadata(page, Found(), "https://www.head-fi.org/threads/1").site_name == "Head-Fi.org"
    assert page_metadata(page, Found(), "https://other.example/a").site_name == "Headphone Reviews and Discussion"


def test_title_entities_decoded_and_description_refused():
    aliases = site_aliases(["Happy Days"], "https://happydays.example/a")
    assert clean_title("Tools &#8211; Spreadsheets - Happy Days", aliases) == "Tools – Spreadsheets"
    assert clean_title("word " * 60, aliases) is None


def test_lone_heading_of_a_written_work_wins_over_an_unrelated_declared_title():
    found = declared(tree_of('<meta property="og:title" content="Amp Machine Review With Photos">'
                             '<meta property="og:type" content="article">',
                             "<h1>I Tried the Strength Training System for a Month</h1>"))
    assert choose_title(found, None, set()) == "I Tried the Strength Training System for a Month"
    summary = ("Learn which renovations pay back the most when you sell. Get expert tips on how to weigh the "
               "cost of each project against the value it adds, and everything else you need to know about it "
               "before you start.")
    summarised = declared(tree_of('<meta property="og:title" content="The 10 Best Renovation Projects">'
                                  '<meta property="og:type" content="article">', f"<h1>{summary}</h1>"))
    assert choose_title(summarised, None, set()) == "The 10 Best Renovation Projects"


def test_lone_heading_of_a_service_page_is_a_slogan():
    found = declared(tree_of('<meta property="og:title" content="Business Text Messaging | Chirp">'
                             '<meta property="og:type" content="website">',
                             "<h1>Messaging that scales without slowing you down</h1>"))
    assert choose_title(found, None, site_aliases(["Chirp"], "https://chirp.example/")) == "Business Text Messaging"
    two = declared(tree_of('<meta property="og:title" content="Amp Machine Review">',
                           "<h1>Latest stories of the week</h1><h1>More from our writers today</h1>"))
    assert choose_title(two, None, set()) == "Amp Machine Review"


def test_heading_that_is_the_last_part_of_the_title_element_is_the_site():
    page = declared(tree_of("<title>Building a Pixel Pipeline - Part 1 | Playful Tones</title>",
                            "<h1>Playful Tones</h1>"))
    assert page_metadata(page, Found(), "https://p.example/a").title == "Building a Pixel Pipeline"


def test_short_label_after_a_bar_is_dropped():
    found = declared(tree_of('<meta property="og:title" content="How meditation rewires brains | Opinion">'))
    assert choose_title(found, None, set()) == "How meditation rewires brains"
    long_tail = declared(tree_of('<meta property="og:title" content="Tides | Why the moon pulls on the sea">'))
    assert choose_title(long_tail, None, set()) == "Tides | Why the moon pulls on the sea"
    # marks between the label's words are no words of it
    listed = declared(tree_of('<meta property="og:title" content="12 Data Tools for 2026 | Python, SQL &amp; AI">',
                              "<h1>12 Data Tools for 2026 | Python, SQL &amp; AI</h1>"))
    assert choose_title(listed, None, set()) == "12 Data Tools for 2026"


def test_heading_loses_its_permalink_mark():
    found = declared(tree_of('<meta property="og:title" content="Middleware | Django docs">',
                             '<h1>Middleware<a class="headerlink" href="#m">¶</a></h1>'))
    assert choose_title(found, None, site_aliases(["Django docs"], "https://d.example/a")) == "Middleware"


def test_a_title_that_is_only_the_site_name_gives_way_to_the_title_element():
    page = declared(tree_of("<title>Discuss the 7.1 release here - boxforum.org</title>"))
    meta = page_metadata(page, Found(title="boxforum.org"), "https://boxforum.org/t/1")
    assert meta.title == "Discuss the 7.1 release here"


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


def test_a_site_name_guessed_from_the_title_element_is_no_site_name():
    page = declared(tree_of("<title>Wrong refresh rate after update ... - Video Forum</title>"))
    # trafilatura takes the part of the <title> with a dot in it for the site's name
    meta = page_metadata(page, Found(title="Video Forum", site_name="Wrong refresh rate after update ..."),
                         "https://forum.video.example/showthread.php?t=1")
    assert meta.title == "Wrong refresh rate after update ..."
    assert meta.site_name is None
    assert site_names_of(declared(tree_of("<title>Notes - boxforum.org</title>")), "boxforum.org") == ["boxforum.org"]


def test_heading_takes_the_declared_spelling_of_its_words():
    prefixed = declared(tree_of('<meta property="og:title" content="Info - Graphics Card Guide (2025)">',
                                '<h1><span class="label">Info</span> Graphics Card Guide (2025)</h1>'))
    assert choose_title(prefixed, None, set()) == "Info - Graphics Card Guide (2025)"
    marked = declared(tree_of('<meta property="og:title" content="## Regolith Binding">',
                              "<h1>Regolith Binding</h1>"))
    assert choose_title(marked, None, set()) == "Regolith Binding"
    colon = declared(tree_of('<meta property="og:title" content="Mobile UX - The Guide">',
                             "<h1>Mobile UX: The Guide</h1>"))
    assert choose_title(colon, None, set()) == "Mobile UX: The Guide"


def test_home_and_other_labels_of_any_site_are_no_title():
    aliases = site_aliases(["The Harbour Blog"], "https://harbour.example/")
    assert clean_title("Home - The Harbour Blog", aliases) == "The Harbour Blog"
    assert clean_title("Home", aliases) is None
    assert clean_title("Harbour • View topic - Tides in May", site_aliases([], "https://forum.harbour.example/")) == (
        "Tides in May")
    assert clean_title("README | mostly-adequate-guide", set()) == "mostly-adequate-guide"
    page = declared(tree_of('<meta property="og:title" content="Home"><title>Home - The Harbour Blog</title>',
                            "<h1>Home</h1>"))
    assert page_metadata(page, Found(title="Home"), "https://harbour.example/").title == "The Harbour Blog"


def test_sections_of_a_path_before_the_site_name_are_dropped():
    aliases = site_aliases([], "https://bbs.harbour.example/viewtopic.php?id=1")
    assert clean_title("Which tide table? / Boats Discussion / Harbour Forums", aliases) == "Which tide table?"
    assert clean_title("GPUs / Video Cards | Harbour", aliases) == "GPUs / Video Cards"


def test_text_decoded_twice_is_repaired():
    assert repaired("A DIY Investor\u00e2\u0080\u0099s Guide") == "A DIY Investor\u2019s Guide"
    assert repaired("Caf\u00e9 \u00e2 la carte") == "Caf\u00e9 \u00e2 la carte"
    page = declared(tree_of("", "<h1>Tides \u00e2\u0080\u0094 a guide</h1>"))
    assert choose_title(page, None, set()) == "Tides \u2014 a guide"


def test_a_long_title_element_is_a_title_and_a_cut_headline_is_completed():
    long_title = "Hair follicles grown in the lab for the first time. " * 5
    page = declared(tree_of(f"<title>{long_title.strip()} : science</title>", "<h1>science</h1>"))
    assert page_metadata(page, Found(), "https://r.example/r/science/1").title == long_title.strip()
    cut = "Fix It Friday: How To Arrange Your Living Room? We Help 4 Readers Find Solutions (Including"
    whole = cut + " One Universal Trick)"
    page = declared(tree_of(jsonld({"@type": "Article", "headline": cut}) + f"<title>{whole} - Em Hen</title>"))
    assert page_metadata(page, Found(), "https://emhen.example/a").title == whole


def test_an_icon_in_the_heading_is_no_words_of_it():
    page = declared(tree_of("", "<h1><svg><title>Artboard Created with Sketch.</title></svg> Harbour</h1>"))
    assert page.headings == ["Harbour"]


def test_words_of_a_heading_written_for_screen_readers_alone_are_no_words_of_it():
    page = declared(tree_of("", '<h1><span class="visually-hidden">Collection: </span>Boots</h1>'
                                '<h1><a href="/"><img src="logo.png"><span class="sr-only">Acme</span></a></h1>'
                                '<h1><span class="utils_visuallyHidden__x1">Deploy</span><span hidden>Run</span>'
                                '<span style="display: none">Ship</span> Build</h1>'
                                '<h1><span class="not-sr-only">Harbour</span>'
                                ' <span style="visibility: hidden">Log</span></h1>'))
    assert page.headings == ["Boots", "Build", "Harbour Log"]
    assert "Boots" not in page.heading_leads


def test_a_product_or_forum_heading_around_the_declared_title_gives_the_declared_title():
    counted = declared(tree_of("<title>Should the kernel move to C++ - Tech Board</title>",
                               "<h1>Should the kernel move to C++ (phoronix.com) 139</h1>"))
    assert choose_title(counted, None, site_aliases(["Tech Board"], "https://tech.example/s/1")) == (
        "Should the kernel move to C++")
    article = declared(tree_of('<meta property="og:type" content="article"><title>Best Scooters of 2025</title>',
                               "<h1>The Best Scooters of 2025</h1>"))
    assert choose_title(article, None, set()) == "The Best Scooters of 2025"


def test_a_score_or_a_count_is_no_title():
    page = declared(tree_of("", "<h1>94</h1><h1>Scalable Interpretability</h1><h1>Ω 48</h1>"))
    assert choose_title(page, "Ω 48", set()) == "Scalable Interpretability"
    assert choose_title(declared(tree_of("<title>001</title>")), None, set()) == "001"


def test_the_site_name_with_a_part_of_the_site_after_a_title_is_dropped():
    aliases = site_aliases([], "https://apps.harbourlog.example/stories/1")
    assert clean_title("Tide Tables | HarbourLog App Store", aliases) == "Tide Tables"
    assert clean_title("Tide Tables | HarbourLog and the sea in the north", aliases) == (
        "Tide Tables | HarbourLog and the sea in the north")


def test_the_host_name_before_a_title_is_dropped():
    aliases = site_aliases(["harbourlog.org"], "https://harbourlog.org/2025/tides.html")
    assert clean_title("harbourlog.org Tide Tables", aliases) == "Tide Tables"
    assert clean_title("example.org Tide Tables", aliases) == "example.org Tide Tables"
    assert clean_title("Vue.js Guide", site_aliases([], "https://vuejs.org/guide/")) == "Vue.js Guide"


def test_a_work_headline_outranks_og_title_and_og_title_outranks_a_work_name():
    headline = declared(tree_of(jsonld({"@type": "Article", "headline": "Tides in May", "name": "tides-may.jpg"})
                                + '<meta property="og:title" content="Tides">'))
    assert headline.title == "Tides in May"
    named = declared(tree_of(jsonld({"@type": "WebPage", "name": "HB_Marketing_FINAL", "author": "Ann Lee"})
                             + '<meta property="og:title" content="Marketing that works">'))
    assert named.title == "Marketing that works"
    alone = declared(tree_of(jsonld({"@type": "Recipe", "name": "Plum cake"})))
    assert alone.title == "Plum cake"


def test_a_heading_after_the_site_name_in_the_title_element_is_the_title():
    page = declared(tree_of("<title>Harbour Studio | Tides of the North Sea</title>",
                            "<h1>Tides of the North Sea</h1>"))
    meta = page_metadata(page, Found(site_name="Harbour Studio"), "https://harbour.example/4974")
    assert meta.title == "Tides of the North Sea"


def test_a_numbered_issue_of_a_site_is_no_site_name():
    aliases = site_aliases(["Harbour Signal"], "https://harbour.example/p/signal-18")
    assert clean_title("Harbour Signal #18 – Tides Without Work?", aliases) == (
        "Harbour Signal #18 – Tides Without Work?")
    assert clean_title("Tides Without Work? | Harbour Signal US", aliases) == "Tides Without Work?"


def test_characters_a_browser_does_not_show_are_no_part_of_a_heading():
    page = declared(tree_of("<title>City Building Department: Home Repair Assistance Program</title>",
                            "<h1>Home Repair Assis&shy;tance\u200b Program</h1>"))
    assert page.headings == ["Home Repair Assistance Program"]
    assert page_metadata(page, Found(), "https://city.example/a").title == "Home Repair Assistance Program"


def test_marks_that_set_the_texts_direction_are_no_part_of_a_title():
    page = declared(tree_of("<title>\u202aTide Tables\u202c \u200e| Harbour Log</title>"))
    assert page_metadata(page, Found(), "https://harbourlog.example.net/a").title == "Tide Tables"


def test_misread_characters_are_repaired_beside_correct_ones():
    assert repaired("itertools \u00e2\u0080\u0094 Functions \u2014 Python docs") == (
        "itertools \u2014 Functions \u2014 Python docs")
    # a misread no-break space ends in a space, which must not be joined with the next first
    page = declared(tree_of("", "<h1>itertools \u00e2\u0080\u0094 Functions\u00c2\u00a0\u00b6</h1>"))
    assert page.headings == ["itertools \u2014 Functions"]


def test_a_declared_title_cut_inside_a_word_gives_way_to_the_whole_heading():
    cut = "Ergonomic desk step by step: how to set up your monitor, laptop, and k"
    page = declared(tree_of(f'<meta property="og:title" content="{cut}">',
                            f"<h1>{cut}eyboard (checklist)</h1>"))
    assert choose_title(page, None, set()) == cut + "eyboard (checklist)"


def test_a_heading_with_characters_lost_to_question_marks_takes_the_declared_spelling():
    page = declared(tree_of("<meta property=\"og:title\" content=\"Event Planning: Beginner's Guide\">",
                            "<h1>Event Planning? Beginner? Guide</h1>"))
    assert choose_title(page, None, set()) == "Event Planning: Beginner's Guide"
    question = declared(tree_of('<meta property="og:title" content="Why Do Tides Turn?">',
                                "<h1>Why Do Tides Turn?</h1>"))
    assert choose_title(question, None, set()) == "Why Do Tides Turn?"


def test_words_for_search_engines_after_an_unconfirmed_declared_title_are_dropped():
    page = declared(tree_of("<title>Travel Insurance - Flight and Travel Insurance Quotes | Harbour</title>",
                            "<h1>Get a quote and protect your next trip</h1>"))
    assert page_metadata(page, Found(), "https://harbour.example/travel").title == "Travel Insurance"
    labelled = declared(tree_of("<title>Info - Graphics Card Guide</title>"))
    assert choose_title(labelled, None, set()) == "Info - Graphics Card Guide"
    ranged = declared(tree_of("<title>Harbour Tide Tables 2024 - 2025</title>"))
    assert choose_title(ranged, None, set()) == "Harbour Tide Tables 2024 - 2025"
    confirmed = declared(tree_of("<title>Tides - Why They Matter | Harbour</title>",
                                 "<h1>Tides - Why They Matter</h1>"))
    assert page_metadata(confirmed, Found(), "https://harbour.example/tides").title == "Tides - Why They Matter"


def test_a_heading_ends_where_another_heading_begins_inside_it():
    page = declared(tree_of("", "<h1>Tuning the Harbour Pumps<div></div><h3>Posted on May 2 by ann</h3></h1>"))
    assert page.headings == ["Tuning the Harbour Pumps"]


def test_a_heading_of_a_dialog_over_the_page_is_not_its_own():
    page = declared(tree_of("<title>Harbour News</title>",
                            '<div role="dialog"><h1>Your choice regarding cookies</h1></div><h1>Harbour News</h1>'))
    assert page.headings == ["Harbour News"]
    assert page_metadata(page, Found(), "https://harbour.example/").title == "Harbour News"


def test_a_heading_that_links_to_another_page_is_not_the_pages_title():
    entries = declared(tree_of("<title>The Harbour Blog</title>",
                               '<a href="/posts/tides"><h1>Why tides turn</h1></a>'
                               '<h1><a href="https://harbour.example/posts/pumps">Pump notes</a></h1>'))
    assert page_metadata(entries, Found(), "https://harbour.example/blog").title == "The Harbour Blog"
    banner = declared(tree_of('<meta property="og:type" content="article"><title>Pump repair</title>',
                              '<h1><a href="/">Down at the Docks</a></h1>'))
    assert page_metadata(banner, Found(), "https://harbour.example/pump-repair").title == "Pump repair"
    assert own_headings(banner, "") == ["Down at the Docks"]  # without the page's address, no link is known elsewhere
    own = declared(tree_of('<meta property="og:type" content="article"><title>The Harbour Blog</title>',
                           '<h1><a href="/posts/tides/">Why tides turn</a></h1>'))
    assert page_metadata(own, Found(), "https://harbour.example/posts/tides").title == "Why tides turn"


def test_a_boards_label_that_the_headline_leaves_out_is_no_part_of_the_title():
    page = declared(tree_of(jsonld({"@type": "DiscussionForumPosting", "headline": "Is a pump worth it?"})
                            + "<title>News - Is a pump worth it? | Harbour Forum</title>",
                            "<h1><span>News</span> Is a pump worth it?</h1>"))
    assert choose_title(page, None, site_aliases(["Harbour Forum"], "https://hf.example/t/1")) == (
        "Is a pump worth it?")
    unlabelled = declared(tree_of(jsonld({"@type": "Article", "headline": "Real Estate 101"}),
                                  "<h1>Investing for Beginners: Real Estate 101</h1>"))
    assert choose_title(unlabelled, None, set()) == "Investing for Beginners: Real Estate 101"


def test_a_headings_first_part_that_a_declared_title_sets_apart_is_the_title():
    page = declared(tree_of('<meta property="og:title" content="Harbour Pump | Quiet bilge pump">',
                            "<h1>Harbour Pump<span>For boats of every size</span></h1>"))
    assert choose_title(page, None, set()) == "Harbour Pump"
    book = declared(tree_of("<title>Tide Tables of the North: Lee, Ann: 9780000000000: Books</title>",
                            "<h1><span>Tide Tables of the North</span> <span>Hardcover – May 2, 2018</span></h1>"))
    assert choose_title(book, None, set()) == "Tide Tables of the North"
    going_on = declared(tree_of("<title>What tides are. - A guide for sailors</title>",
                                "<h1>What tides are.<span> - A guide for sailors</span></h1>"))
    assert choose_title(going_on, None, set()) == "What tides are. - A guide for sailors"


def test_a_declared_title_that_adds_a_count_or_a_date_to_the_heading_is_the_fuller_title():
    counted = declared(tree_of("<title>8 Recent Trends in Tide Tables - Harbour Log</title>",
                               "<h1>Recent Trends in Tide Tables</h1>"))
    aliases = site_aliases(["Harbour Log"], "https://harbourlog.example/a")
    assert choose_title(counted, None, aliases) == "8 Recent Trends in Tide Tables"
    dated = declared(tree_of("<title>Remote Harbour Jobs (March 2026)</title>", "<h1>Remote Harbour Jobs</h1>"))
    assert choose_title(dated, None, set()) == "Remote Harbour Jobs (March 2026)"
    # a date after a comma, or a number in brackets, is stamped on the <title>
    stamped = declared(tree_of("<title>New Harbour Restaurants to Visit, December 2025</title>",
                               "<h1>New Harbour Restaurants to Visit</h1>"))
    assert choose_title(stamped, None, set()) == "New Harbour Restaurants to Visit"
    numbered = declared(tree_of("<title>[2512.16245] Tide Models via Fisher Geometry</title>",
                                "<h1>Tide Models via Fisher Geometry</h1>"))
    assert choose_title(numbered, None, set()) == "Tide Models via Fisher Geometry"


def test_the_first_part_that_the_declared_titles_share_is_the_title_when_each_goes_on_otherwise():
    page = declared(tree_of('<meta property="og:title" content="Harbour Pump - (30ct) 300mg">'
                            "<title>Harbour Pump - Quiet Bilge Pumps - 300mg | Harbour Log</title>",
                            "<h1>Harbour Pump - (30ct) 300mg</h1>"))
    aliases = site_aliases(["Harbour Log"], "https://harbourlog.example/p")
    assert choose_title(page, None, aliases) == "Harbour Pump"
    # a board's label that one title adds after the other's is no tagline of its own
    thread = declared(tree_of('<meta property="og:title" content="Bilge pumps - how to fit one">'
                              "<title>Bilge pumps - how to fit one - General topics</title>",
                              "<h1>Bilge pumps - how to fit one</h1>"))
    assert choose_title(thread, None, set()) == "Bilge pumps - how to fit one"


def test_the_sites_name_in_brackets_after_the_title_goes():
    aliases = site_aliases([], "https://www.harbourlog.example/docs/tides")
    assert clean_title("Tide tables [Harbourlog Documentation]", aliases) == "Tide tables"
    assert clean_title("Tide Costs? [2025 Data]", aliases) == "Tide Costs? [2025 Data]"


def test_a_front_page_that_no_heading_names_is_named_by_its_whole_title_element():
    head = "<title>Harbour Log - Tide tables for every coast</title>"
    page = declared(tree_of(head, "<h1>Never miss the turn of the tide</h1>"))
    front = page_metadata(page, Found(), "https://www.harbourlog.example/?ref=ad")
    assert front.title == "Harbour Log - Tide tables for every coast"
    # below the front page the site's name is no part of the title
    assert page_metadata(page, Found(), "https://www.harbourlog.example/tides").title == "Tide tables for every coast"
    # nor on a front page whose <title> ends with it, or holds nothing but it and a label
    ending = declared(tree_of("<title>Tide tables for every coast | Harbour Log</title>"))
    assert page_metadata(ending, Found(), "https://harbourlog.example/").title == "Tide tables for every coast"
    home = declared(tree_of("<title>Harbour Log | Home</title>"))
    assert page_metadata(home, Found(), "https://harbourlog.example/").title == "Harbour Log"


def test_a_heading_like_the_declared_titles_first_part_is_the_title():
    # the words after the bar (brands, kinds) count against the likeness of the title proper
    brands = declared(tree_of('<meta property="og:title" content="Buy Tide Gauge Loggers | Best Aanderaa, '
                              'Valeport, Sontek & RBR">', "<h1>Tide Gauge Dataloggers</h1>"))
    assert choose_title(brands, None, set()) == "Tide Gauge Dataloggers"
    # one word in common with a short first part is no likeness
    one_word = declared(tree_of('<meta property="og:title" content="Tide Tables Online - Every Port & '
                                'Every Coast, Printed or Digital">', "<h1>Tables</h1>"))
    assert choose_title(one_word, None, set()) == "Tide Tables Online"


def test_a_dash_after_a_year_before_words_parts_a_tagline():
    page = declared(tree_of('<meta property="og:title" content="Top Harbour Festivals 2026 – The Gatherings '
                            'Shaping the Future of Sailing">', "<h1>Biggest Harbour events 2026</h1>"))
    assert choose_title(page, None, set()) == "Biggest Harbour events 2026"
    unconfirmed = declared(tree_of('<meta property="og:title" content="Top Harbour Festivals 2026 – The '
                                   'Gatherings Shaping the Future of Sailing">'))
    assert choose_title(unconfirmed, None, set()) == "Top Harbour Festivals 2026"


def test_a_heading_that_is_what_the_declared_title_says_before_its_colon_is_the_title():
    page = declared(tree_of('<meta property="og:title" content="Trowel: The Stainless Garden Tool for Heavy '
                            'Soil, 30 cm Blade">' + jsonld({"@type": "Product", "name": "Trowel"}),
                            "<h1>Trowel</h1>"))
    assert choose_title(page, None, set()) == "Trowel"
    # a heading that says less than the part before the colon is no such name
    shorter = declared(tree_of('<meta property="og:title" content="Garden Trowel: The Stainless Tool for '
                               'Heavy Soil, 30 cm Blade">', "<h1>Trowel</h1>"))
    assert choose_title(shorter, None, set()) == "Garden Trowel: The Stainless Tool for Heavy Soil, 30 cm Blade"


def test_a_headings_first_part_that_a_declared_title_names_before_its_colon_is_the_title():
    aliases = site_aliases(["Toolbarn"], "https://www.toolbarn.example/products/kit")
    page = declared(tree_of('<meta property="og:title" content="Toolbarn Hex Driver Kit: Bits for Bikes, '
                            'Consoles and Small Engines">', "<h1>Hex Driver Kit - 32 Steel Bits</h1>"))
    assert choose_title(page, None, aliases) == "Hex Driver Kit"
    # words before the colon other than the site's name say more than the heading's first part
    other = declared(tree_of('<meta property="og:title" content="Compact Hex Driver Kit: Bits for Bikes, '
                             'Consoles and Small Engines">', "<h1>Hex Driver Kit - 32 Steel Bits</h1>"))
    assert choose_title(other, None, aliases) == "Hex Driver Kit - 32 Steel Bits"


def test_a_heading_that_introduces_what_follows_it_is_not_the_title():
    page = declared(tree_of('<meta property="og:title" content="How tide gauges measure the sea">'
                            '<meta property="og:type" content="article">',
                            "<h1>A message from our founder, Ann Lee:</h1><p>Read on.</p>"))
    assert choose_title(page, None, set()) == "How tide gauges measure the sea"
    # the page's only name, when nothing else names it
    alone = declared(tree_of("", "<h1>Packing list for a sailing trip:</h1>"))
    assert choose_title(alone, None, set()) == "Packing list for a sailing trip:"


def test_a_heading_that_a_declared_title_names_after_the_sites_name_is_the_title():
    head = ('<meta property="og:site_name" content="Tidy"><meta property="og:title" content="Tidy Tables">'
            "<title>All Tables - Folding, Garden and Camping Tables | Tidy</title>")
    page = declared(tree_of(head, "<h1>TABLES</h1>"))
    assert page_metadata(page, Found(), "https://tidy.example/collections/tables").title == "TABLES"


def test_a_part_that_begins_with_the_sites_name_names_a_thing_of_the_site_where_the_titles_write_the_name_alone():
    aliases = site_aliases([], "https://www.acme.example/products/cdn/")
    assert clean_title("Acme CDN | Content Delivery Network", aliases) == "Content Delivery Network"
    assert clean_title("Acme CDN | Content Delivery Network", aliases, written=frozenset({"acme"})) == (
        "Acme CDN | Content Delivery Network")
    page = declared(tree_of('<title>Acme CDN | Content Delivery Network | Acme</title>'
                            '<meta property="og:title" content="Acme CDN | Content Delivery Network">'))
    assert page_metadata(page, Found(), "https://www.acme.example/products/cdn/").title == "Acme CDN"
