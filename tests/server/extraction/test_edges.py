"""server/extraction/edges.py: furniture at the article's edges is cut from trafilatura's tree."""
from __future__ import annotations

from server.extraction.edges import drop_author_bio, drop_edge_junk, drop_leading_title
from tests.server.extraction.support import body_of, texts

SENTENCE = "A sentence of the article that says something about the subject at some length."


def test_labels_go_anywhere_and_sentences_stay():
    body = body_of(f"<p>{SENTENCE}</p><p>ADVERTISEMENT</p><p>{SENTENCE}</p><p>Share this article</p>"
                   f"<p>Share your thoughts with the team at the end of the day, it helps.</p><p>{SENTENCE}</p>")
    drop_edge_junk(body)
    assert texts(body) == [SENTENCE, SENTENCE, "Share your thoughts with the team at the end of the day, it helps.",
                           SENTENCE]


def test_breadcrumb_at_the_start_goes():
    body = body_of(f"<p>Home › Garden › Soil</p><p>{SENTENCE}</p><p>{SENTENCE}</p>")
    drop_edge_junk(body)
    assert texts(body) == [SENTENCE, SENTENCE]


def test_related_links_after_a_heading_go_but_a_section_of_text_stays():
    body = body_of(f'<p>{SENTENCE}</p><head>Related articles</head><list><item><ref target="/a">One</ref></item>'
                   f'<item><ref target="/b">Two</ref></item></list>')
    drop_edge_junk(body)
    assert texts(body) == [SENTENCE]
    body = body_of(f"<p>{SENTENCE}</p><head>Related work</head><p>{SENTENCE}</p>")
    drop_edge_junk(body)
    assert len(texts(body)) == 3


def test_cards_of_other_pages_after_a_heading_go_with_their_pictures():
    cards = "".join(f'<graphic src="/{n}.jpg"/><p><ref target="/{n}">Story {n}</ref></p><p>A teaser of story {n} '
                    f'in a few words.</p><p>Dec 19, 2025</p>' for n in range(3))
    body = body_of(f"<p>{SENTENCE}</p><p>{SENTENCE}</p><head>Read this next</head>{cards}<head>Newsletter</head>"
                   "<p>Sign up to stay up to date.</p>")
    drop_edge_junk(body)
    assert texts(body) == [SENTENCE, SENTENCE]
    # a box of links inside the article goes alone
    box = '<head>Related</head><list><item><ref target="/a">One</ref></item></list>'
    paragraph = " ".join([SENTENCE] * 4)
    body = body_of(f"<p>{paragraph}</p>{box}" + f"<p>{paragraph}</p>" * 4)
    drop_edge_junk(body)
    assert texts(body) == [paragraph] * 5
    # nor is one followed by paragraphs of the article
    body = body_of(f"<p>{paragraph}</p><head>Related articles</head>" + f"<p>{paragraph}</p>" * 3 + box)
    drop_edge_junk(body)
    assert texts(body) == [paragraph] * 4
    # a heading of the kind early in a long page is not followed by a list of other pages
    body = body_of(f"<p>{SENTENCE}</p><head>More news</head>" + f"<p>{SENTENCE}</p>" * 4)
    drop_edge_junk(body)
    assert len(texts(body)) == 6


def test_a_section_without_links_after_such_a_heading_stays():
    # a reference page's "Related products" section: a sentence and a table, then more sections
    table = "<table><row><cell>related_id</cell><cell>String</cell><cell>Associated product ids</cell></row></table>"
    section = f"<p>{SENTENCE}</p>{table}<head>Geo tagging</head><p>{SENTENCE}</p>{table}"
    body = body_of(f"<p>{SENTENCE}</p><p>{SENTENCE}</p><head>Related products</head>{section}")
    drop_edge_junk(body)
    assert len(texts(body)) == 8


def test_newsletter_prompt_at_the_end_goes():
    body = body_of(f"<p>{SENTENCE}</p><p>{SENTENCE}</p><p>Sign up for our weekly newsletter.</p>")
    drop_edge_junk(body)
    assert texts(body) == [SENTENCE, SENTENCE]


def test_leading_title_repeat_goes_keeping_loose_text():
    body = body_of(f"<div><head>The Title</head>loose {SENTENCE}</div>")
    drop_leading_title(body, "The  title")
    assert texts(body) == [f"loose {SENTENCE}"]


def test_leading_title_repeat_goes_when_it_lost_the_title_dash():
    body = body_of(f"<head>Info Graphics Card Guide</head><p>{SENTENCE}</p>")
    drop_leading_title(body, "Info - Graphics Card Guide")
    assert texts(body) == [SENTENCE]
    kept = body_of(f"<head>Graphics Card Guide for 2025</head><p>{SENTENCE}</p>")
    drop_leading_title(kept, "Graphics Card Guide")
    assert texts(kept) == ["Graphics Card Guide for 2025", SENTENCE]


def test_prompts_and_disclosures_go_anywhere_and_sentences_about_them_stay():
    mention = "I also read a dozen newsletters each week, a small subset of the ones I subscribe to, for this piece."
    body = body_of(f"<p>4 min read</p><p>{SENTENCE}</p><p>Join our mailing list!</p><p>{SENTENCE}</p>"
                   "<p>As an Amazon Associate we earn from qualifying purchases.</p>"
                   "<p>By signing up, you agree to our Terms of Use and Privacy Policy.</p><p>Written by Jo Bloggs</p>"
                   "<p>Get the best of the week delivered to your inbox.</p>"
                   f"<p>{mention}</p><p>{SENTENCE}</p>")
    drop_edge_junk(body)
    assert texts(body) == [SENTENCE, SENTENCE, mention, SENTENCE]


def test_a_byline_of_a_name_goes_but_a_heading_or_a_sentence_starting_with_by_stays():
    kept = ["By Audience", "By Monday we had a plan for the whole garden and its soil."]
    body = body_of(f"<p>By Jo Bloggs | Updated on 19-Dec-2025</p><p>{SENTENCE}</p><head>{kept[0]}</head>"
                   f"<p>{kept[1]}</p><p>BY ANNA MARIA SMITH</p>")
    drop_edge_junk(body)
    assert texts(body) == [SENTENCE, *kept]


def test_a_title_case_heading_or_line_after_by_is_no_byline():
    kept = ["By Land And Sea", "By The Numbers", "By Jo Bloggs"]
    body = body_of(f"<p>{SENTENCE}</p><head rend=\"h2\">{kept[0]}</head><p>{SENTENCE}</p><p>{kept[1]}</p>"
                   f"<p>{SENTENCE}</p><head rend=\"h3\">{kept[2]}</head><p>{SENTENCE}</p>")
    drop_edge_junk(body)
    assert texts(body) == [SENTENCE, kept[0], SENTENCE, kept[1], SENTENCE, kept[2], SENTENCE]


def test_a_paragraph_pointing_to_another_page_goes_but_one_that_says_more_stays():
    pointer = '<p>Related: <ref target="/b">Why starters smell of vinegar</ref></p>'
    said = "Related: the same acids that sour the bread also keep the starter clean, as the next part shows."
    body = body_of(f"<p>{SENTENCE}</p>{pointer}<p>{said}</p><p>{SENTENCE}</p>")
    drop_edge_junk(body)
    assert texts(body) == [SENTENCE, said, SENTENCE]


def test_sales_prompts_go_and_sentences_about_sales_stay():
    said = "We asked a specialist team to book a demo of each tool and compare them over a month of use."
    body = body_of(f"<p>{SENTENCE}</p><p><hi>Stop Searching. Talk To Our Marketing Experts</hi></p>"
                   f'<p><ref target="/demo">Request a demo</ref> Live demo + Q&amp;A</p><p>{said}</p>'
                   f"<head>Get a Free Quote</head><p>{SENTENCE}</p><head>How to get a quote for a new roof</head>"
                   f"<p>{SENTENCE}</p>")
    drop_edge_junk(body)
    assert texts(body) == [SENTENCE, said, SENTENCE, "How to get a quote for a new roof", SENTENCE]


def test_buttons_at_the_edges_go_and_those_inside_the_article_stay():
    body = body_of(f'<p><ref target="/shop">Shop Now</ref></p><p>{SENTENCE}</p><p><ref target="/b">Buy now</ref></p>'
                   f'<p><ref target="/guide">Start here</ref> if you have never baked bread.</p><p>{SENTENCE}</p>'
                   f'<p><ref target="/signup">Start a Free Trial</ref></p><p><ref target="/c">Contact us</ref></p>')
    drop_edge_junk(body)
    assert texts(body) == [SENTENCE, "Buy now", "Start here if you have never baked bread.", SENTENCE]


def test_related_searches_go_as_pointers_to_other_pages():
    body = body_of(f'<p>{SENTENCE}</p><p>Related Searches: <ref target="/a">Appliances</ref>, '
                   f'<ref target="/b">Household Appliances</ref></p><p>{SENTENCE}</p><p>YOU MIGHT ALSO LIKE:</p>'
                   f'<list><item>Another story about bread, with a teaser of it</item></list><p>{SENTENCE}</p>')
    drop_edge_junk(body)
    assert texts(body) == [SENTENCE, SENTENCE, "Another story about bread, with a teaser of it", SENTENCE]


def test_a_cookie_notice_goes_and_a_sentence_about_cookies_stays():
    notice = ("We don't use a lot of cookies; you can manage them at any time on our Cookie Settings page. If you "
              "click 'Accept All', you consent to the use of cookies.")
    about = "Browsers now block the cookies that follow readers from one site to the next."
    body = body_of(f"<p>{SENTENCE}</p><p>{about}</p><p>{notice}</p><p>Was this helpful?</p>")
    drop_edge_junk(body)
    assert texts(body) == [SENTENCE, about]


def test_a_notice_that_the_browser_is_too_old_goes_and_advice_about_browsers_stays():
    notice = ("You are using an out of date browser. It may not display this or other websites correctly.<lb/>"
              "You should upgrade or use an alternative browser.")
    advice = "If you use an outdated browser, update it before you install the extension."
    body = body_of(f"<p>{SENTENCE}</p><p>{notice}</p><p>{advice}</p><p>Your browser is not supported.</p>")
    drop_edge_junk(body)
    assert texts(body) == [SENTENCE, advice]


def test_prompts_to_sign_in_before_taking_part_go():
    said = "Readers who log in to the library site can reserve the book for two weeks."
    body = body_of(f"<p>{SENTENCE}</p><p>{said}</p><p>Create an account or sign in to comment</p>"
                   "<p>You need to be a member in order to leave a comment</p><p>You are not logged in.</p>"
                   "<p>Sign up to request clarification or add additional context in comments.</p>")
    drop_edge_junk(body, thread=True)
    assert texts(body) == [SENTENCE, said]


def test_prompts_to_sign_in_before_seeing_what_members_see_go():
    said = "Members who join the club get to see the garden before it opens to the public each spring."
    body = body_of(f"<p>{SENTENCE}</p><p><ref target='https://example.org/register'><hi rend='#i'>Join</hi></ref>"
                   f" to see EXIF info for this image (if available)</p><p>{said}</p>"
                   "<p>You must log in or register to view this content.</p>")
    drop_edge_junk(body, thread=True)
    assert texts(body) == [SENTENCE, said]


def test_a_notice_that_a_thread_is_closed_goes_and_a_sentence_about_closing_stays():
    said = "The museum closed the topic of the new wing after the council voted against it."
    body = body_of(f"<p>{SENTENCE}</p><p>{said}</p><p>This topic was automatically closed after 30 days. New"
                   " replies are no longer allowed.</p><p>This thread has been locked.</p><p>Closed to new replies</p>")
    drop_edge_junk(body, thread=True)
    assert texts(body) == [SENTENCE, said]


def test_calls_to_follow_the_site_at_the_end_go():
    body = body_of(f"<p>{SENTENCE}</p><p>{SENTENCE}</p><p>Catch up on our coverage of tools and follow us on "
                   "Facebook, Instagram and TikTok to stay up to date.</p><p>Follow The Daily Crumb</p>"
                   "<p>Favourite on Google News</p>")
    drop_edge_junk(body)
    assert texts(body) == [SENTENCE, SENTENCE]


def test_a_network_named_by_the_article_stays():
    ending = "The company posted the video on YouTube last week."
    body = body_of(f"<p>{SENTENCE}</p><p>{SENTENCE}</p><p>{ending}</p>")
    drop_edge_junk(body)
    assert texts(body) == [SENTENCE, SENTENCE, ending]
    inside = body_of(f"<p>{SENTENCE}</p><p>Follow us on Facebook.</p><p>{SENTENCE}</p>")
    drop_edge_junk(inside)
    assert texts(inside) == [SENTENCE, "Follow us on Facebook.", SENTENCE]


def test_a_menu_of_links_at_either_edge_goes_but_one_link_or_a_list_of_them_alone_stays():
    menu = ('<p><ref target="/privacy">Privacy Policy</ref></p><p><ref target="/cookies">Cookie Notice</ref></p>'
            '<p><ref target="/terms">Terms of Use</ref> |</p>')
    sections = '<p><ref target="/care">Find a doctor</ref></p><p><ref target="/news">News</ref></p>'
    body = body_of(f"{menu}<p>{SENTENCE}</p><p>{SENTENCE}</p>{sections}")
    drop_edge_junk(body)
    assert texts(body) == [SENTENCE, SENTENCE]
    pointer = '<p><ref target="/part-two">Read part two</ref></p>'
    body = body_of(f"<p>{SENTENCE}</p>{pointer}<p>{SENTENCE}</p>{pointer}")
    drop_edge_junk(body)
    assert texts(body) == [SENTENCE, "Read part two", SENTENCE, "Read part two"]
    # a page that is only links keeps them: there is no article beside them
    body = body_of(sections)
    drop_edge_junk(body)
    assert texts(body) == ["Find a doctor", "News"]
    # a short paragraph with words of its own beside its link is no menu
    body = body_of(f'<p>{SENTENCE}</p><p>See <ref target="/a">the guide</ref> first.</p><p>Then <ref target="/b">'
                   'the notes</ref> too.</p>')
    drop_edge_junk(body)
    assert len(texts(body)) == 3


def test_a_table_of_contents_opening_the_body_goes_but_a_list_of_links_with_words_of_its_own_stays():
    contents = ('<list><item><head>1.</head><ref target="/start">Getting Started</ref><list>'
                '<item>1.1 <ref target="/about">About Version Control</ref></item>'
                '<item>1.2 <ref target="/history">A Short History of Git</ref></item></list></item></list>')
    body = body_of(f'<p><ref target="#">Chapters ▾</ref></p>{contents}<p>{SENTENCE}</p><p>{SENTENCE}</p>')
    drop_edge_junk(body)
    assert texts(body) == [SENTENCE, SENTENCE]
    body = body_of(f"{contents}<p>{SENTENCE}</p>")  # a menu by itself
    drop_edge_junk(body)
    assert texts(body) == [SENTENCE]
    # items that say something beside their links are the article's
    described = ('<list><item><ref target="/a">Strings</ref>: text values</item>'
                 '<item><ref target="/b">Lists</ref>: ordered values</item></list>')
    body = body_of(f"{described}<p>{SENTENCE}</p>")
    drop_edge_junk(body)
    assert len(texts(body)) == 2
    # closing the article, the links are its own (what "See also" lists)
    body = body_of(f"<p>{SENTENCE}</p><p>{SENTENCE}</p>{contents}")
    drop_edge_junk(body)
    assert len(texts(body)) == 3


def test_a_table_of_contents_numbering_its_appendices_with_letters_goes_too():
    contents = ('<list><item><head>A1.</head><ref target="/gui">Appendix A: Git in Other Environments</ref><list>'
                '<item>A1.1 <ref target="/gui">Graphical Interfaces</ref></item>'
                '<item>A1.2 <ref target="/vs">Git in Visual Studio</ref></item></list></item>'
                '<item><head>B.</head><ref target="/embed">Appendix B: Embedding Git</ref></item></list>')
    body = body_of(f"{contents}<p>{SENTENCE}</p><p>{SENTENCE}</p>")
    drop_edge_junk(body)
    assert texts(body) == [SENTENCE, SENTENCE]
    # a capital letter that begins a word is no number's
    lettered = ('<list><item>A <ref target="/a">first step</ref></item>'
                '<item>B <ref target="/b">second step</ref></item></list>')
    body = body_of(f"{lettered}<p>{SENTENCE}</p>")
    drop_edge_junk(body)
    assert len(texts(body)) == 2


def test_a_line_of_links_to_the_pages_own_sections_opening_the_body_goes():
    page = "https://man.example.org/grep.1.html"
    sections = " | ".join(f'<ref target="{page}#{name}">{name}</ref>' for name in ("NAME", "SYNOPSIS", "OPTIONS"))
    body = body_of(f"<p>{sections}</p><p>{SENTENCE}</p><p>{SENTENCE}</p>")
    drop_edge_junk(body)
    assert texts(body) == [SENTENCE, SENTENCE]
    # links to other pages, or words beside the links, are no contents of the page
    others = " | ".join(f'<ref target="https://man.example.org/{name}.html#top">{name}</ref>'
                        for name in ("sed", "awk", "find"))
    described = f'See <ref target="{page}#NAME">NAME</ref>, <ref target="{page}#OPTIONS">OPTIONS</ref> and ' \
                f'<ref target="{page}#BUGS">BUGS</ref>'
    for line in (others, described):
        body = body_of(f"<p>{line}</p><p>{SENTENCE}</p><p>{SENTENCE}</p>")
        drop_edge_junk(body)
        assert len(texts(body)) == 3


def test_labels_of_footers_widgets_and_shops_go():
    body = body_of(f"<p>Loading...</p><p>{SENTENCE}</p><p>Filter &amp; Sort</p><p>In partnership with</p>"
                   f"<p>Verified Buyer</p><p>{SENTENCE}</p><p>Out of stock</p><head>Do Not Sell My Personal "
                   "Information</head><p>Privacy policy</p>")
    drop_edge_junk(body)
    assert texts(body) == [SENTENCE, SENTENCE]


def test_the_buttons_of_a_cookie_notice_go():
    body = body_of(f"<p>{SENTENCE}</p><p>Accept All</p><p>Reject all</p>")
    drop_edge_junk(body)
    assert texts(body) == [SENTENCE]


def test_offers_of_the_latest_news_go_and_sentences_about_news_stay():
    said = "To get the latest version, run the installer again."
    body = body_of(f"<p>{SENTENCE}</p><p>Get the latest news about our live events and online courses.</p>"
                   f"<p>{said}</p><p>Get news, updates, &amp; event info delivered right to your inbox:</p>"
                   f"<p>{SENTENCE}</p><head>Get the latest in streaming and entertainment</head>")
    drop_edge_junk(body)
    assert texts(body) == [SENTENCE, said, SENTENCE]


def test_appeals_for_donations_go_and_sentences_about_donating_stay():
    said = ["We help you decide what to keep, sell, donate or store.",
            "Viewers can support streamers with subscriptions, donations or gifted subs."]
    body = body_of(f"<p>{SENTENCE}</p><p>Support Example News! Donate via PayPal or become a patron.</p>"
                   f"<p>{said[0]}</p><p>Our newsroom is free of charge. Your monthly donations keep it going.</p>"
                   f"<p>{said[1]}</p><p>Join my Patreon community for early access.</p>")
    drop_edge_junk(body)
    assert texts(body) == [SENTENCE, *said]
    # a thread's posts may well ask for the forum's funding: they stay
    body = body_of(f"<p>{SENTENCE}</p><p>Please consider a donation to keep our forum running.</p>")
    drop_edge_junk(body, thread=True)
    assert len(texts(body)) == 2


def test_a_pointer_to_another_pages_title_goes_even_without_its_link():
    said = "See also: the notes on proofing, which say why the dough must rest overnight before it is shaped."
    body = body_of(f"<p>{SENTENCE}</p><p>Related: The 15 Weirdest Galaxies in Our Universe</p><p>{SENTENCE}</p>"
                   f"<p>Also read: Is the Rail Pass Worth It? A Practical Guide to Trains</p><p>{said}</p>")
    drop_edge_junk(body)
    assert texts(body) == [SENTENCE, SENTENCE, said]
    body = body_of(f"<p>{SENTENCE}</p><p>Related videos: Four-channel audio interface</p>")
    drop_edge_junk(body)
    assert len(texts(body)) == 2


def test_advertisement_labels_and_access_notices_go():
    said = "This article is about the access roads that the council plans to close for the winter."
    body = body_of(f"<p>{SENTENCE}</p><head>Advertisement: New Baking Course</head><p>Advertisement - Members "
                   f"don't see this ad</p><p>{said}</p><head>This article is exclusive to Example+ subscribers</head>"
                   "<p>Access to this page requires authorization. You can try signing in.</p>"
                   f"<p>Already have an account? Log in to Example</p><p>{SENTENCE}</p>")
    drop_edge_junk(body)
    assert texts(body) == [SENTENCE, said, SENTENCE]


def test_the_authors_bio_closing_the_article_goes_with_what_follows_it():
    bio = "Rebecca Norris is a full-time freelance writer who lives in Ohio with two cats."
    body = body_of(f"<p>{SENTENCE}</p><p>{SENTENCE}</p><p>{SENTENCE}</p><p>Rebecca Norris</p><p>{bio}</p>"
                   '<p><ref target="/author/rn">More by Rebecca</ref></p>')
    drop_author_bio(body, "Rebecca Norris")
    assert texts(body) == [SENTENCE] * 3
    for opening in ("Joe is the co-founder and CEO of the agency.", "Hi there! I’m Ann, and I started this blog."):
        body = body_of(f"<p>{SENTENCE}</p><p>{SENTENCE}</p><p>{opening}</p>")
        drop_author_bio(body, "Ann Lee and Joe Kindness")
        assert texts(body) == [SENTENCE] * 2


def test_a_closing_paragraph_about_someone_else_or_a_long_ending_stays():
    ending = "Rebecca Norris is the mayor who signed the order, and she says more will follow next year."
    body = body_of(f"<p>{SENTENCE}</p><p>{SENTENCE}</p><p>{ending}</p>")
    drop_author_bio(body, "Ann Lee")
    assert len(texts(body)) == 3
    # the author's name early in a page, with most of it after, is no bio
    body = body_of(f"<p>{SENTENCE}</p><p>Ann Lee</p>" + f"<p>{SENTENCE}</p>" * 3)
    drop_author_bio(body, "Ann Lee")
    assert len(texts(body)) == 5
    body = body_of(f"<p>Ann Lee is a gardener.</p><p>{SENTENCE}</p>")
    drop_author_bio(body, None)
    assert len(texts(body)) == 2


def test_a_reading_time_goes_with_or_without_its_abbreviations_dot():
    body = body_of(f"<p>3 MIN. READ</p><p>{SENTENCE}</p><p>11 minute read</p><p>{SENTENCE}</p>"
                   "<p>It takes 5 minutes to read.</p><p>Mar 06, 2026 | 4 min read</p>")
    drop_edge_junk(body)
    assert texts(body) == [SENTENCE, SENTENCE, "It takes 5 minutes to read.", "Mar 06, 2026 | 4 min read"]


def test_a_breadcrumb_ending_in_the_pages_title_goes():
    crumbs = "Home » Feature Story » General » Large models still learn less than babies, a researcher argues"
    body = body_of(f"<p>{crumbs}</p><p>{SENTENCE}</p><p>{SENTENCE}</p>")
    drop_edge_junk(body)
    assert texts(body) == [SENTENCE, SENTENCE]
    body = body_of(f"<p>Home / Garden / Soil / {SENTENCE} {SENTENCE}</p><p>{SENTENCE}</p>")
    drop_edge_junk(body)
    assert len(texts(body)) == 2


def test_a_newsletter_forms_labels_and_thanks_go():
    said = "I have been reading her newsletter for years, and it still teaches me something each week."
    body = body_of(f"<p>{SENTENCE}</p><p>Thanks for subscribing! Look out for your first newsletter in your inbox "
                   f"soon!</p><p>Enter email address</p><p>{said}</p><p>Email address</p><p>{SENTENCE}</p>")
    drop_edge_junk(body)
    assert texts(body) == [SENTENCE, said, SENTENCE]


def test_a_line_that_only_dates_the_page_goes_at_its_edges():
    body = body_of(f"<p>Updated August 14, 2025</p><p>{SENTENCE}</p><p>Sep 26, 2022</p><p>{SENTENCE}</p>"
                   f"<p>{SENTENCE}</p><p>{SENTENCE}</p><p>{SENTENCE}</p><p>{SENTENCE}</p>"
                   f"<p>Last updated on: 19/12/2025 at 7:30 PM</p>")
    drop_edge_junk(body)
    assert texts(body) == [SENTENCE] * 6
    for line in ["Published 18 November 2019", "UPDATED: Tue., Nov. 19, 2019", "2024-11-06", "3 January, 2025",
                 "This page was last updated on 2026-01-26 15:45:07Z",
                 "4. März 2025", "2025年3月4日"]:  # (dates as dates.py reads them, in any language)
        body = body_of(f"<head>{line}</head><p>{SENTENCE}</p>")
        drop_edge_junk(body)
        assert texts(body) == [SENTENCE], line


def test_dates_inside_the_article_in_a_sentence_or_in_a_thread_stay():
    # a list of dated entries in the middle of the article keeps its dates
    middle = [SENTENCE] * 4 + ["March 3, 2024", SENTENCE, "April 9, 2024", SENTENCE] + [SENTENCE] * 4
    body = body_of("".join(f"<p>{text}</p>" for text in middle))
    drop_edge_junk(body)
    assert texts(body) == middle
    for line in ["Updated August 14, 2025, the rules changed for everyone.", "Published in 2019", "On 3 May"]:
        body = body_of(f"<p>{line}</p><p>{SENTENCE}</p>")
        drop_edge_junk(body)
        assert texts(body) == [line, SENTENCE], line
    body = body_of(f"<p>Jul 5, 2024 at 7:30 PM</p><p>{SENTENCE}</p>")
    drop_edge_junk(body, thread=True)
    assert texts(body) == ["Jul 5, 2024 at 7:30 PM", SENTENCE]
    body = body_of("<p>Jul 5, 2024</p>")
    drop_edge_junk(body)
    assert texts(body) == ["Jul 5, 2024"]


def test_the_label_of_a_date_standing_alone_goes():
    for label in ["Posted On", "PUBLISHED", "Last updated on:", "Last Updated", "Publish date"]:
        body = body_of(f"<p>{SENTENCE}</p><p>{label}</p><p>{SENTENCE}</p>")
        drop_edge_junk(body)
        assert texts(body) == [SENTENCE, SENTENCE], label
    body = body_of(f"<p>{SENTENCE}</p><p>Published in the spring, the report was read widely.</p>")
    drop_edge_junk(body)
    assert len(texts(body)) == 2


def test_a_heading_or_a_copyright_line_closing_the_article_goes():
    for last in ["<head>Popular on the site</head>", "<p>© 2026 Tauri Contributors. CC-BY / MIT</p>",
                 "<p>(c) 2020 The Example Project</p>",
                 "<p>Copyright ©2019 Dow Jones &amp; Company, Inc. All Rights Reserved</p>"]:
        body = body_of(f"<p>{SENTENCE}</p><p>{SENTENCE}</p>{last}")
        drop_edge_junk(body)
        assert texts(body) == [SENTENCE, SENTENCE], last
    body = body_of(f"<p>{SENTENCE}</p><p>{SENTENCE}</p><head>Related</head><head>Newsletter</head>")
    drop_edge_junk(body)
    assert texts(body) == [SENTENCE, SENTENCE]


def test_a_heading_with_its_section_a_credit_without_a_year_and_a_posts_heading_stay():
    notice = ("© 2019 Associated Press. All Rights Reserved. This material may not be published, broadcast, "
              "rewritten or redistributed.")
    for last in ["© Reuters", notice]:
        body = body_of(f"<p>{SENTENCE}</p><p>{last}</p>")
        drop_edge_junk(body)
        assert texts(body) == [SENTENCE, last]
    body = body_of(f"<p>{SENTENCE}</p><head>Notes</head><p>{SENTENCE}</p>")
    drop_edge_junk(body)
    assert len(texts(body)) == 3
    body = body_of(f"<p>{SENTENCE}</p><head>Update</head>")
    drop_edge_junk(body, thread=True)
    assert texts(body) == [SENTENCE, "Update"]
    body = body_of(f"<p>{SENTENCE}</p><p>{SENTENCE}</p><p>The copyright of the 1998 edition ran out.</p>")
    drop_edge_junk(body)
    assert len(texts(body)) == 3


def test_a_notice_of_the_documented_version_at_the_start_and_a_feedback_prompt_go():
    notices = ["Version: 3.9.2", "Development Versions: devel",
               "This document describes the current stable version of Celery (5.6). For development docs, go here."]
    prompt = ("If you see anything in the documentation that is not correct, please use this form to report a "
              "documentation issue.")
    body = body_of("".join(f"<p>{notice}</p>" for notice in notices) + f"<p>{SENTENCE}</p><p>{prompt}</p>")
    drop_edge_junk(body)
    assert texts(body) == [SENTENCE]


def test_a_sentence_about_versions_and_a_notice_inside_the_article_stay():
    said = "Version 2 of the protocol adds streams, and clients must say which one they speak."
    body = body_of(f"<p>{said}</p>" + f"<p>{SENTENCE}</p>" * 4 + "<p>Version: 3.9.2</p>")
    drop_edge_junk(body)
    assert texts(body) == [said, *[SENTENCE] * 4, "Version: 3.9.2"]


def test_a_wikis_tagline_and_its_skip_link_are_labels():
    for label in ["From PostgreSQL wiki",
                  "From Wikipedia, the free encyclopedia", "Jump to search"]:
        body = body_of(f"<p>{SENTENCE}</p><p>{label}</p><p>{SENTENCE}</p>")
        drop_edge_junk(body)
        assert texts(body) == [SENTENCE, SENTENCE], label
    for said in ["From the wiki we learned a lot.", "From Wikipedia we learned a lot about the river."]:
        body = body_of(f"<p>{said}</p><p>{SENTENCE}</p>")
        drop_edge_junk(body)
        assert texts(body) == [said, SENTENCE], said


def test_a_cookie_notice_saying_what_the_site_uses_them_for_goes():
    for notice in ["Do you mind if we use optional cookies to provide you personalized content and to analyze site "
                   "traffic?", "iFixit uses cookies to enhance site functionality, analyze traffic, and personalize "
                   "ads. By using our site, you agree to our use of them."]:
        body = body_of(f"<p>{SENTENCE}</p><p>{notice}</p><p>{SENTENCE}</p>")
        drop_edge_junk(body)
        assert texts(body) == [SENTENCE, SENTENCE], notice
    baking = "For this trifle we use cookies instead of ladyfingers, and our guests never noticed."
    body = body_of(f"<p>{baking}</p><p>{SENTENCE}</p>")
    drop_edge_junk(body)
    assert texts(body) == [baking, SENTENCE]
