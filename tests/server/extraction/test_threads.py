"""server/extraction/threads.py: a thread's posts found by their repeated shape, and read on their own."""
from __future__ import annotations

from lxml import etree
from lxml import html as lxml_html

from server.extraction.article import POSTS_SETTINGS
from server.extraction.trafilatura_call import extract_body
from server.extraction.threads import (drop_repeated_labels, drop_signatures, opens_thread, posts_document,
                                      replies_below, thread_posts, unseen_words)

WORDS = "Each post of the thread says enough here to be counted as one."


def tree(body: str):
    return lxml_html.document_fromstring(f"<html><head></head><body>{body}</body></html>")


def post(number: int, extra: str = "") -> str:
    return (f'<div class="post post-{number} {extra}" id="p{number}"><a href="/posts/{number}">user{number}</a>'
            f'<div class="post-content" itemprop="articleBody"><p>{WORDS} ({number})</p></div></div>')


def test_posts_are_the_largest_group_of_same_shaped_siblings():
    page = tree('<div class="menu">' + "".join(f'<div class="item"><a href="/{n}">A link to a page number {n}'
                                                 f'</a></div>' for n in range(9)) + "</div>"
                + "<div><p>A lone paragraph beside the thread, a little longer than one post is.</p>"
                + "".join(post(n, "odd" if n % 2 else "") for n in range(1, 4)) + "</div>")
    posts = thread_posts(page)
    # ids, numbered classes and row parities do not set posts apart; rows of links are not posts
    assert [element.get("id") for element in posts] == ["p1", "p2", "p3"]


def test_a_post_marked_with_a_class_more_is_one_of_the_thread():
    page = tree("<div>" + post(1, "first-post") + post(2) + post(3, "accepted") + post(4) + "</div>")
    # the opening post and an accepted answer carry a class the other posts lack; they stay in place
    assert [element.get("id") for element in thread_posts(page)] == ["p1", "p2", "p3", "p4"]


def test_a_class_more_does_not_make_a_lone_block_and_its_neighbour_a_thread():
    page = tree(f'<div><div class="block summary"><p>{WORDS}</p></div>'
                f'<div class="block summary messages">{post(1)}{post(2)}</div></div>')
    assert [element.get("id") for element in thread_posts(page)] == ["p1", "p2"]


def test_a_page_split_into_a_main_column_and_a_sidebar_is_not_a_thread_of_two_posts():
    # two classless columns say more than the posts in the first of them, but nearly all of it in one
    sidebar = "<div><p>A sidebar says a few words beside the thread, fewer than its posts.</p></div>"
    page = tree("<div><div>" + "".join(post(n) for n in range(1, 4)) + f"</div>{sidebar}</div>")
    assert [element.get("id") for element in thread_posts(page)] == ["p1", "p2", "p3"]


def test_a_thread_opens_with_the_article_when_that_is_a_post_naming_its_poster():
    marked = tree("<div>" + "".join(post(n).replace("<a href", '<a class="username" href') for n in range(1, 4))
                  + "</div>")
    opening = etree.fromstring(f"<body><p>{WORDS} (2)</p></body>")
    assert opens_thread(thread_posts(marked), opening)
    # an article above its comments is no post of them
    assert not opens_thread(thread_posts(marked), etree.fromstring(f"<body><p>Its own words. {WORDS}</p></body>"))
    # sections of an article that name no user each are no thread
    unmarked = tree("<div>" + "".join(post(n) for n in range(1, 4)) + "</div>")
    assert not opens_thread(thread_posts(unmarked), opening)


def comment(number: int, replies: str = "", user: str = "/u/") -> str:
    return (f'<li class="comment"><div class="meta"><a href="{user}{number}">user{number}</a> 3 points</div>'
            f"<p>{WORDS} ({number})</p>" + (f'<ul class="children">{replies}</ul>' if replies else "") + "</li>")


def test_a_tree_of_replies_naming_their_posters_below_an_article_makes_a_discussion():
    story = etree.fromstring(f"<body><p>The story that was shared, in words of its own. {WORDS}</p></body>")
    tree_of_replies = "".join(comment(n, comment(10 * n) + comment(10 * n + 1)) for n in range(1, 4))
    posts = thread_posts(tree(f'<ul class="comments">{tree_of_replies}</ul>'))
    assert replies_below(posts, story)
    # the posts hold the article: the thread opens with it instead (opens_thread)
    assert not replies_below(posts, etree.fromstring(f"<body><p>{WORDS} (2)</p></body>"))
    # a flat row of comments is an article's comment section, as is a tree of comments by names
    # that link to their writers' own sites
    flat = thread_posts(tree(f'<ul class="comments">{"".join(comment(n) for n in range(1, 4))}</ul>'))
    assert not replies_below(flat, story)
    blog = "".join(comment(n, comment(10 * n, user="https://blog.example/"), user="https://blog.example/")
                   for n in range(1, 4))
    assert not replies_below(thread_posts(tree(f'<ul class="comments">{blog}</ul>')), story)


def test_the_cards_of_a_listing_naming_their_writers_are_no_thread():
    cards = "".join(f'<div class="card"><a href="/p/{n}">A title long enough to be read as a post, number {n}</a>'
                    f' by <a href="/u/writer{n}">writer{n}</a> Mar 7, 2026 · 4 min read</div>' for n in range(1, 5))
    opening = etree.fromstring("<body><p>A title long enough to be read as a post, number 2</p></body>")
    assert len(thread_posts(tree(f"<div>{cards}</div>"))) == 4
    assert not opens_thread(thread_posts(tree(f"<div>{cards}</div>")), opening)
    # the same posts saying their words outside links open a thread
    posts = cards.replace('<a href="/p/', '<span data-href="/p/').replace("</a> by", "</span> by")
    assert opens_thread(thread_posts(tree(f"<div>{posts}</div>")), opening)


def test_the_sections_of_a_dialog_over_the_page_are_not_a_thread():
    consent = "".join(f'<div class="setting"><h4>Cookies of kind {n}</h4><p>{WORDS} {WORDS} {WORDS}</p></div>'
                      for n in range(5))
    page = tree(f'<div role="dialog" aria-modal="true">{consent}</div><div>{post(1)}{post(2)}</div>')
    assert [element.get("id") for element in thread_posts(page)] == ["p1", "p2"]


def test_posts_in_navigation_or_a_single_block_are_not_a_thread():
    assert thread_posts(tree(f"<nav>{post(1)}{post(2)}</nav><article><p>{WORDS}</p></article>")) == []
    assert thread_posts(tree(f"<div>{post(1)}</div>")) == []


def test_the_posts_document_keeps_the_posts_without_what_singles_one_out():
    page = tree(f"<div>{post(1)}{post(2)}</div>")
    document = posts_document(thread_posts(page))
    article = document.find("body/article")
    assert article is not None and len(article) == 2
    assert not any(element.get(name) for element in article.iter() for name in ("class", "id", "itemprop"))
    assert "user2" in article.text_content() and f"{WORDS} (2)" in article.text_content()
    assert page.find(".//div[@id='p1']") is not None  # the page itself is left as it was


def test_an_opening_post_in_a_block_of_its_own_above_the_replies_is_one_of_the_thread():
    page = tree(f'<div class="block question"><div class="body">{post(1, "starter")}</div></div>'
                f'<div class="block answers"><div class="body">{post(2)}{post(3)}</div></div>')
    assert [element.get("id") for element in thread_posts(page)] == ["p1", "p2", "p3"]
    # blocks of another shape above the replies, or around them, are no posts
    page = tree(f'<div class="teaser"><p>{WORDS}</p></div><div class="post wide">{post(2)}{post(3)}</div>')
    assert [element.get("id") for element in thread_posts(page)] == ["p2", "p3"]


def test_bare_text_of_a_post_becomes_a_paragraph_but_labels_and_signatures_do_not():
    signature = "My pond, my rules, and the ducks agree with every one of them."
    page = tree("<div>" + "".join(
        f'<div class="post"><div class="rank">Senior member</div><div class="text">{text}</div>'
        f'<div class="sig">{signature}</div></div>'
        for text in ("The opening post is written as bare text in a division of its own.",
                     "And the reply is written as bare text in a division as well.")) + "</div>")
    article = posts_document(thread_posts(page)).find("body/article")
    assert article is not None
    assert [element.text for element in article.iter("p")] == [
        "The opening post is written as bare text in a division of its own.",
        "And the reply is written as bare text in a division as well."]


def test_a_form_showing_a_posts_text_becomes_a_division_and_a_reply_form_stays():
    text = (f'<form action="#"><input type="hidden" name="id" value="1"><div class="md"><p>{WORDS}</p></div>'
            "</form>")
    reply = '<form action="/reply"><p>Your reply</p><textarea name="body"></textarea></form>'
    page = tree("<div>" + "".join(f'<div class="post"><a href="/u/{n}">user{n}</a>{text}{reply}</div>'
                                  for n in range(2)) + "</div>")
    article = posts_document(thread_posts(page)).find("body/article")
    assert article is not None
    assert [parent.tag for form in article.iter("input") if (parent := form.getparent()) is not None] == [
        "div", "div"]
    assert len(list(article.iter("form"))) == 2  # the forms that ask for a reply


def test_what_only_a_posts_signature_says_leaves_the_thread():
    posts = tree("<div>" + "".join(
        f'<div class="post"><div class="post-signature"><a href="/members/user{n}">user{n}</a> answered</div>'
        f'<p>{WORDS} ({n})</p><p>Sign here</p>'
        f'<div data-role="memberSignature"><p>My plugins | Account Switcher</p><p>Sign here</p></div></div>'
        for n in range(2)) + "</div>")
    body = etree.fromstring("<body>" + "".join(
        f"<p>user{n} answered</p><p>{WORDS} ({n})</p><p>Sign here</p><p>My plugins | Account Switcher</p>"
        for n in range(2)) + "</body>")
    drop_signatures(body, thread_posts(posts))
    # a "signature" naming the poster is the author line; what the post says too stays
    assert ["".join(block.itertext()) for block in body] == [
        "user0 answered", f"{WORDS} (0)", "Sign here", "user1 answered", f"{WORDS} (1)", "Sign here"]


def test_a_posters_title_marked_as_such_leaves_the_thread_unless_a_post_says_it():
    titles = ["Titan", "Great", "Titan"]
    posts = tree("<div>" + "".join(
        f'<div class="post"><a href="/members/user{n}">user{n}</a><h5 itemprop="jobTitle">{title}</h5>'
        f'<p>{WORDS} ({n})</p></div>' for n, title in enumerate(titles))
        + '<div class="post"><a href="/members/user3">user3</a><p>Great</p></div></div>')
    body = etree.fromstring("<body>" + "".join(f"<head>{title}</head><p>{WORDS} ({n})</p>"
                                               for n, title in enumerate(titles)) + "<p>Great</p></body>")
    drop_signatures(body, thread_posts(posts))
    # a fourth post says "Great": that title stays, in its place and in the post
    assert ["".join(block.itertext()) for block in body] == [
        f"{WORDS} (0)", "Great", f"{WORDS} (1)", f"{WORDS} (2)", "Great"]


def test_unseen_words_are_words_run_together_that_the_page_never_shows():
    page = tree("<div><a>gamerchick02</a>\n<div hidden>2010-10-17</div>\n says <b>Hel</b>lo</div>")
    body = lxml_html.fragment_fromstring("<div><p>gamerchick022010-10-17 says Hello</p></div>")
    assert unseen_words(body, page, lxml_html.fragment_fromstring("<div></div>")) == {"gamerchick022010"}
    also = lxml_html.fragment_fromstring("<div><p>gamerchick022010</p></div>")
    assert unseen_words(body, page, also) == set()


def test_labels_repeated_under_every_post_are_dropped():
    post_xml = ("<p>Senior Member</p><p>{words}</p><list><item>Quote</item><item>Link to comment</item></list>"
                "<p>Thanks!</p>")
    body = etree.fromstring("<body>" + "".join(post_xml.format(words=f"{WORDS} ({n})") for n in range(3))
                            + "</body>")
    drop_repeated_labels(body)
    texts = [" ".join(element.itertext()) for element in body.iter("p", "item")]
    assert texts == [f"{WORDS} (0)", f"{WORDS} (1)", f"{WORDS} (2)"]


def test_labels_left_as_loose_text_after_a_picture_are_dropped_and_other_loose_text_stays():
    post_xml = ("<graphic src='offline.png'/> Web Hosting Master <p>{words}</p>"
                "<graphic src='quote.gif'/> Reply With Quote <p>Thanks!</p> and a last word ({n})")
    body = etree.fromstring("<body>" + "".join(post_xml.format(words=f"{WORDS} ({n})", n=n) for n in range(3))
                            + "</body>")
    drop_repeated_labels(body)
    assert " ".join(" ".join(body.itertext()).split()) == " ".join(
        f"{WORDS} ({n}) and a last word ({n})" for n in range(3))


def test_a_posters_name_under_each_of_their_posts_stays():
    post_xml = "<p>{name}</p><p>Senior Member</p><p>{words}</p>"
    names = ["Jo_Bloggs", "ann lee", "Jo_Bloggs", "Jo_Bloggs"]
    body = etree.fromstring("<body>" + "".join(post_xml.format(name=name, words=f"{WORDS} ({n})")
                                               for n, name in enumerate(names)) + "</body>")
    drop_repeated_labels(body, {"jo_bloggs", "ann lee"})
    texts = [" ".join(element.itertext()) for element in body.iter("p")]
    assert texts == [text for n, name in enumerate(names) for text in (name, f"{WORDS} ({n})")]


def test_a_posts_header_becomes_a_division_so_its_date_is_read_with_the_post():
    page = tree("<div>" + "".join(f'<article class="post"><header><span>Mar {n}, 2025</span> <span>#{n}</span>'
                                  f'</header><a href="/u/{n}">user{n}</a><p>{WORDS} ({n})</p></article>'
                                  for n in range(1, 4)) + "</div>")
    document = posts_document(thread_posts(page))
    assert document.find(".//header") is None
    body = extract_body(document, "https://example.org/t/1", POSTS_SETTINGS)
    assert body is not None and body.body is not None
    assert "Mar 2, 2025" in " ".join(body.body.itertext())
    assert page.find(".//header") is not None  # the page itself is left as it was


def test_a_short_post_beside_links_to_itself_is_read_with_the_thread():
    def message(number: int, text: str) -> str:
        return (f'<article class="message"><span id="post-{number}"></span>'
                f'<h4><a href="/u/{number}">user{number}</a></h4>'
                f'<div class="cell"><ul><li><a href="/t/1/#post-{number}">Mar {number}, 2025</a></li></ul>'
                f'<ul><li><a href="/t/1/#post-{number}">#{number}</a></li></ul>'
                f'<div><article class="body"><p>{text}</p></article></div></div></article>')
    short = "My friends and I would go together."
    page = tree("<div>" + "".join(message(n, f"{WORDS} ({n}) {WORDS}") for n in (1, 2)) + message(3, short)
                + message(4, f"{WORDS} (4) {WORDS}") + "</div>")
    body = extract_body(posts_document(thread_posts(page)), "https://example.org/t/1/", POSTS_SETTINGS)
    assert body is not None and body.body is not None
    said = " ".join(body.body.itertext())
    assert short in said and "Mar 3, 2025" in said
