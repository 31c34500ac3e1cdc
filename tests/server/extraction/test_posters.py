"""server/extraction/posters.py: a thread's users as forum software marks them up."""
from __future__ import annotations

from lxml import html as lxml_html

from server.extraction.metadata import Found, declared, page_metadata
from server.extraction.posters import poster_names


def tree_of(head: str, body: str = "") -> lxml_html.HtmlElement:
    return lxml_html.document_fromstring(f"<html><head>{head}</head><body>{body}</body></html>")


def test_a_thread_is_by_the_user_who_started_it_as_forum_software_marks_them():
    posts = ('<div class="post"><a href="member.php?action=login">Login</a> <a href="/members/">Members</a>'
             '<a class="bigusername" href="member.php?u=224387">microfast</a><p>How do I encode this?</p></div>'
             '<div class="post"><span class="username">Ralston18</span><p>Try this.</p></div>')
    page = declared(tree_of("", posts))
    assert page.poster == "microfast"
    assert page_metadata(page, Found(author="Ralston18"), "https://f.example/t/1", thread=True).author == "microfast"
    custom = declared(tree_of("", '<shreddit-post author="EuroStepJam"><p>Pan and metal?</p></shreddit-post>'))
    assert page_metadata(custom, Found(), "https://f.example/r/1", thread=True).author == "EuroStepJam"
    # outside a thread, a user name in the page is no author
    assert page_metadata(page, Found(), "https://f.example/t/1").author is None


def signature(action: str, user: str | None) -> str:
    """A Q&A post's signature: what the user did and when, then the user's card (none for an
    edit by the asker)."""
    card = f'<div class="user-details"><a href="/users/7/{user}">{user}</a> 26.3k</div>' if user else ""
    return f'<div class="user-info"><div class="action">{action} <span>Jul 5, 2020 at 10:00</span></div>{card}</div>'


def test_a_threads_starter_is_the_user_who_asked_not_the_user_who_edited():
    question = '<div class="post"><p>How do I rebase?</p><div class="signatures">{}{}</div></div>'
    edited = declared(tree_of("", question.format(signature("edited", "Cleb"), signature("asked", "Vader"))))
    assert edited.poster == "Vader"
    self_edited = declared(tree_of("", question.format(signature("edited", None), signature("asked", "Basj"))))
    assert self_edited.poster == "Basj"
    reply = '<div class="post"><span class="username">Ann</span><p>Last edited by Ann. Thanks!</p></div>'
    assert declared(tree_of("", reply)).poster == "Ann"


def test_every_poster_of_a_thread_is_named_as_the_page_shows_them():
    posts = ('<div class="post"><a href="member.php?action=login">Login</a>'
             '<a class="bigusername" href="member.php?u=224387">microfast</a><p>How do I encode this?</p></div>'
             '<div class="post"><span class="username">Ralston_18 </span><p>Try this.</p></div>')
    assert poster_names(tree_of("", posts)) == {"microfast", "ralston_18"}


def test_a_posts_user_is_marked_by_a_user_name_class_in_any_case_or_a_member_link_with_user_in_its_class():
    upper = declared(tree_of("", '<nav><span class="UserName">Menu Name</span></nav>'
                                 '<div class="post"><span class="Post-UserName">QuietFox</span><p>Hello.</p></div>'))
    assert upper.poster == "QuietFox"
    # a link to the members' list is passed over unless its class names a user
    linked = declared(tree_of("", '<a href="/members/">Members</a><a class="PostUser" href="/members/">ann_b</a>'
                                  '<p>Hello.</p>'))
    assert linked.poster == "ann_b"


def test_a_link_to_a_users_page_on_an_aggregator_names_the_poster():
    for href, user in (("/u/dessalines", "dessalines"), ("/user/quiet_fox", "quiet_fox"),
                       ("//news.example/~ann.b", "ann.b")):
        page = declared(tree_of("", f'<div class="post"><a href="{href}">{user}</a><p>Hello.</p></div>'))
        assert page.marks_users and page.poster == user
    # a link to the folder of all users names no poster
    assert not declared(tree_of("", '<div class="post"><a href="/u/">All users</a><p>Hi.</p></div>')).marks_users


def test_a_thread_on_a_page_whose_own_class_names_its_comments_is_by_its_first_poster():
    html = ('<html><head></head><body class="listing-page comments-page"><div class="thing">'
            '<p class="tagline">submitted by <a class="author" href="https://f.example/user/Snow45">Snow45</a></p>'
            '<p>Hair follicles grown in a lab.</p></div></body></html>')
    page = declared(lxml_html.document_fromstring(html))
    assert page.poster == "Snow45"
