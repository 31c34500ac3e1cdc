"""Edits to trafilatura's body tree before it is rendered: what sits at the
article's edges without being part of it."""
from __future__ import annotations

import itertools
import re

from lxml import etree

from .date_lines import EDGE_BLOCKS, date_lines
from .titles import letters


# An author's bio closing the article: among its last few blocks, the author's name alone (above
# the bio) or a paragraph opening with the name or the first name and saying who they are
# ("Rebecca Norris is a full-time freelance writer", "Joe is the co-founder and CEO of", "Hi, I'm
# Ashley, and I oversee our laptop coverage"). It goes with what follows it, when that is short
# beside the article (a bio is a paragraph or two, and links to the author's pages).
BIO_LAST_BLOCKS = 4
BIO_MAX_WORDS = 150
BIO_VERBS = r"(?:is|was|has|holds|writes|covers|specializes|specialises|joined|lives|leads|loves)\b"
GREETING = r"(?:hi|hello|hey)(?: there| all| everyone)?\b"
AUTHOR_SEPARATOR_RE = re.compile(r"\s*(?:,|;|&|\band\b)\s*")
# How a sentence that greets the reader and names its writer opens ("Hi there! I'm"). The
# patterns that hold a writer's name are made for each page's author (compiling one costs about
# a millisecond): each is tried only on a text that opens as it needs, with the name or this.
GREETING_OPENING_RE = re.compile(rf"{GREETING}\W+i(?:'|’)?m ", re.IGNORECASE)


def comparable(value: str) -> str:
    return " ".join(value.split()).casefold()


def drop_leading_title(body: etree._Element, title: str | None) -> None:
    """Remove the article's first heading when it only repeats the title."""
    if not title or not letters(title):
        return
    first = _first_with_text(body)
    while first is not None and first.tag != "head" and not (first.text or "").strip():
        first = _first_with_text(first)  # down through wrappers such as a div
    # the same letters: the heading may spell the title without the dash or the colon that the
    # chosen (declared) title keeps
    if first is None or first.tag != "head" or letters("".join(first.itertext())) != letters(title):
        return
    remove_keeping_tail(first)


def drop_author_bio(body: etree._Element, author: str | None) -> None:
    """Remove the author's bio closing the article (see BIO_LAST_BLOCKS), with what follows it."""
    names = [name for name in AUTHOR_SEPARATOR_RE.split(author or "") if letters(name)]
    if not names:
        return
    # The last blocks that show text, read from the end: the body's other blocks are read only
    # when a bio is found, for their words. (Never the body's first block: the bio closes an article.)
    last: list[tuple[etree._Element, str]] = []
    for child in body.iterchildren(reversed=True):
        if text := _text(child):
            last.insert(0, (child, text))
            if len(last) > BIO_LAST_BLOCKS:
                break
    for index, (block, text) in enumerate(last[1:], start=1):
        if _introduces_author(text, names):
            bio_words = sum(len(said.split()) for _, said in last[index:])
            if bio_words <= min(BIO_MAX_WORDS, _words(list(body)) - bio_words):
                _remove_run(body, block, None)
            return


def _introduces_author(text: str, names: list[str]) -> bool:
    """The author's name alone, or a sentence that opens with it (or their first name) and says who
    they are, or in which they greet the reader and name themselves."""
    greets = GREETING_OPENING_RE.match(text) is not None
    for name in names:
        first_name = name.split()[0]
        first = re.escape(first_name)
        if (comparable(text).strip(" :") == comparable(name)
                or (text.startswith((name, first_name))
                    and re.match(rf"(?:{re.escape(name)}|{first}),? {BIO_VERBS}", text))
                or (greets and re.match(rf"{GREETING}\W+i(?:'|’)?m {first}\b", text, re.IGNORECASE))):
            return True
    return False


def text_outside(element: etree._Element, tags: tuple[str, ...]) -> str:
    """The text of `element` but for what its elements of `tags` hold (their tails stay) and for
    its comments: a list's own words without its links, an item's without the lists inside it."""
    pieces = [element.text or ""]
    for child in element:
        if isinstance(child.tag, str) and child.tag not in tags:
            pieces.append(text_outside(child, tags))
        pieces.append(child.tail or "")
    return "".join(pieces)


def remove_keeping_tail(element: etree._Element) -> None:
    parent = element.getparent()
    if parent is None:  # the root: there is nothing to take it out of
        return
    if element.tail and element.tail.strip():
        previous = element.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + element.tail
        else:
            parent.text = (parent.text or "") + element.tail
    parent.remove(element)


def _first_with_text(element: etree._Element) -> etree._Element | None:
    return next((child for child in element if "".join(child.itertext()).strip()), None)


# --- junk at the edges ---------------------------------------------------------------------------------

# Blocks that are only a label of the page's furniture, never a sentence of an article.
LABELS = frozenset({
    "advertisement", "advertisements", "advertising", "ad", "ads", "sponsored", "sponsored content",
    "advertisement continue reading below", "continue reading below", "story continues below advertisement",
    "article continues below advertisement", "share", "share this", "share this article", "share this post",
    "share this story", "share this page", "share on facebook", "share on twitter", "bookmark and share",
    "print", "email", "tweet", "pin it", "home", "review", "related", "read more", "related articles",
    "related posts", "related stories", "skip to content", "skip to main content", "back to top", "tags",
    "comments", "leave a comment", "subscribe", "sign up", "follow us", "listen to this article",
    "table of contents", "back to blog", "back to articles", "start free trial", "start your free trial",
    "book a demo", "request a demo", "apply now", "get started", "get started today", "pin for later",
    "pin this for later", "save for later", "article tags", "next topic", "previous topic", "next article",
    "previous article", "next post", "previous post", "popular articles", "related reads", "opens in a new window",
    "jump to recipe", "print recipe", "share this recipe", "share this with a friend", "share your story",
    "log in", "sign in", "already have an account log in", "more", "less", "show more", "show less", "read less",
    "was this helpful", "was this page helpful", "was this article helpful",
    # the links of a site's footer, the buttons of its cookie notice, the labels of its widgets while
    # they load, of a shop's filters and stock, and the headings of its boxes of other things to buy or see
    "accept all", "reject all", "accept all cookies", "reject all cookies", "privacy policy", "privacy notice",
    "cookie notice", "cookie policy", "terms of use", "terms of service",
    "terms and conditions", "do not sell my personal information", "loading", "please wait", "filter sort",
    "filter and sort", "skip to search results", "jump to navigation", "jump to search", "skip to navigation",
    "expand description", "verified buyer", "verified purchase", "out of stock", "sold out", "related items",
    "people who viewed this item also viewed", "customers also viewed", "featured brands", "shop now",
    "see more", "view more", "tell me more", "in partnership with", "stay connected", "print article",
    "print this article", "print this page", "order reprints", "email address", "enter email address",
    "enter your email", "enter your email address", "your email address",
    # the label of a date line whose date stands apart (a <time> of its own, or a date that went:
    # date_lines.py)
    "posted", "posted on", "published", "published on", "publish date", "published date", "date published",
    "post date", "updated on", "last updated", "last updated on", "last modified", "last reviewed",
})
# A byline standing as a block of its own inside or after the article (the author is metadata).
BYLINE_RE = re.compile(r"^(?:written|posted|reviewed|edited|fact[- ]checked) by\b", re.IGNORECASE)
BYLINE_MAX_WORDS = 6
# "By Jo Bloggs", "BY JO BLOGGS | Updated on 19 Dec 2025": "by" and a capitalized name of two to four
# words (one capitalized word after "by" is as often a heading, "By Audience"); a paragraph of one
# line, not a sentence nor a heading.
NAME_BYLINE_RE = re.compile(r"^[Bb][Yy]\s+(?P<name>(?:[A-Z][\w.'’-]*\s+){1,3}[A-Z][\w.'’-]*)(?:$|[\s|,•·–-])")
NAME_BYLINE_MAX_WORDS = 12
# Words a title-case heading has and a person's name has not ("By Land And Sea", "By The Numbers").
NOT_NAME_WORDS = frozenset({
    "a", "an", "and", "or", "of", "the", "in", "on", "for", "to", "with", "at", "from", "into", "our", "your",
    "my", "this", "that", "these", "how", "what", "why", "when", "where", "is", "are", "vs", "all", "more",
})
# "5 min read" and the like: a label of the page's header.
# (a date before it, "Mar 06, 2026 | 4 min read", is a card's line in a list of posts)
READING_TIME_RE = re.compile(r"^\d+\s*(?:min|mins|minutes?)\.?\s*read$", re.IGNORECASE)
# The line a wiki writes under each page's title ("From PostgreSQL wiki", "From Wikipedia, the free
# encyclopedia").
WIKI_TAGLINE_RE = re.compile(r"^from [\w .'’-]{0,40}\bwiki(?:pedia)?(?:, the free encyclopedia)?$", re.IGNORECASE)
# Prompts to join a newsletter or mailing list, and sales prompts' legal small print: page
# furniture wherever they stand when the block says nothing more (a sentence of an article that
# mentions a newsletter is longer or lacks the call).
# ("delivered to your inbox" names the newsletter without the word)
NEWSLETTER_NOUN_RE = re.compile(
    r"\b(?:newsletter|mailing list|(?:delivered|sent|straight|directly)(?: right)? to your inbox)\b", re.IGNORECASE)
# A short block that opens with an offer of the latest news ("Get the latest news about our courses.",
# "Get the latest in streaming and entertainment"): a prompt to subscribe that names no newsletter.
UPDATES_PROMPT_RE = re.compile(r"^(?:get|receive) (?:the latest|our latest|news|updates)\b", re.IGNORECASE)
UPDATES_PROMPT_MAX_WORDS = 15
CALL_RE = re.compile(r"\b(?:sign(?:ing)? up|subscrib(?:e|ing)|join|get|want more)\b", re.IGNORECASE)
CONSENT_RE = re.compile(
    r"^by (?:signing up|subscribing|submitting|entering your email|clicking|registering)\b.*\bagree", re.IGNORECASE)
# Affiliate disclosures: a statement about the page's business, not part of the article.
DISCLOSURE_RE = re.compile(
    r"^disclosure\b|\b(?:contains? affiliate links|qualifying purchases|(?:earns?|receives?|make) (?:us |me )?"
    r"(?:a )?(?:small )?commission|chosen independently by our editors)\b", re.IGNORECASE)
# An appeal for the site's funding: a short block naming donations or patrons that asks the reader
# ("Support <site>! Donate via ...", "Your monthly donations keep our newsroom going", "Join my
# Patreon"), where an article's sentence about donations neither asks nor speaks for the site.
DONATION_RE = re.compile(r"\b(?:donat(?:e|es|ing|ion|ions)|patreon|patrons?)\b", re.IGNORECASE)
APPEAL_START_RE = re.compile(r"^\W*(?:support|donate|join|become|help)\b", re.IGNORECASE)
APPEAL_RE = re.compile(r"\b(?:please|consider|your|today|now)\b", re.IGNORECASE)
DONATION_MAX_WORDS = 40
FIRST_PERSON_RE = re.compile(r"\b(?:we|i|us|our|my)\b", re.IGNORECASE)
SENTENCE_ENDS = (".", "!", "?")
PROMPT_ANYWHERE_MAX_WORDS = 25
DISCLOSURE_MAX_WORDS = 60
# A paragraph that only points to other pages: "Related: <a>Another story</a>", "Related searches:
# <a>Appliances</a>, <a>Ovens</a>".
POINTER_RE = re.compile(
    r"^(?:related(?: \w+)?|read more|read also|also read|see also|more|recommended|you (?:may|might) also like)"
    r"(?: stories| articles| posts)?\s*:", re.IGNORECASE)
# The same label before the title of another page alone ("Related: The 15 Weirdest Galaxies", "See
# also: A Brief History of Photography"), the link lost: a title, not a sentence of the article.
# (Only labels that point to more reading: "Related videos: <a product's video>" is the page's own.)
POINTER_TITLE_RE = re.compile(
    r"^(?:related|read more|read also|also read|see also|you (?:may|might) also like)(?: stories| articles| posts)?"
    r"\s*:", re.IGNORECASE)
POINTER_TITLE_MAX_WORDS = 20
# A block that labels itself an advertisement ("Advertisement: New AI Book!", "Advertisement - Members
# don't see this ad").
AD_LABEL_RE = re.compile(r"^(?:advertisement|sponsored)\s*[:–—-]\s", re.IGNORECASE)
AD_LABEL_MAX_WORDS = 12
# A notice that the page's content is kept from the reader ("This article is exclusive to <site>
# subscribers", "Access to this page requires authorization"), or that an account would let them in.
ACCESS_NOTICE_RE = re.compile(
    r"^(?:this (?:article|story|content|post|page) is (?:exclusive|only available|available only) (?:to|for)\b"
    r"|access to this (?:page|content|article) requires\b|already have an account\b)", re.IGNORECASE)
ACCESS_NOTICE_MAX_WORDS = 20
# A sales prompt: a call to talk to the seller's people, to see a demo, to ask a quote or to start a
# trial, standing alone as a block (a button, a banner), never a sentence of the article; the call
# starts the block or a sentence of it ("How to get a quote" is a heading of the article).
SALES_PROMPT_RE = re.compile(
    r"(?:^|[.!?:]\s+)(?:(?:talk|speak|chat) (?:to|with) (?:an?|our)(?: [\w-]+){0,4}"
    r" (?:experts?|specialists?|consultants?|team)"
    r"|(?:request|book|schedule|get|watch) (?:a |an |your |our )?(?:free |live |personali[sz]ed |[\w-]*min\w* )?"
    r"(?:demo|quote|consultation|discovery call)"
    r"|start (?:a |an |your )?(?:[\w-]*day )?free trial|contact us (?:today|now))\b", re.IGNORECASE)
SALES_PROMPT_MAX_WORDS = 12
# A button at the article's edges: a paragraph of a few words that is all one link and starts with a
# call ("Shop now", "Start a free trial", "Book your call today").
BUTTON_MAX_WORDS = 6
BUTTON_CALL_RE = re.compile(
    r"^(?:request|book|schedule|start|try|talk|speak|chat|contact|call|shop|buy|order|donate|claim|download|"
    r"register|join|subscribe|get)\b", re.IGNORECASE)
# A prompt to sign in or join before taking part, or before seeing what the site keeps from visitors:
# "Create an account or sign in to comment", "You need to be a member in order to leave a comment",
# "You are not logged in.", "Sign up to request clarification or add additional context in comments.",
# "Join to see EXIF info for this image", "Log in or register to view attachments". (A sentence saying
# what members may do goes on past a few words: "Readers who log in to the library site can reserve
# the book for two weeks.")
SIGN_IN_PROMPT_RE = re.compile(
    r"\b(?:sign(?:ed)? (?:in|up)|log(?:ged)? in|create an account|register|(?:be )?a member|join)\b"
    r"(?: \S+){0,4} to (?:(?:comment|reply|post|leave a comment|see|view|access)\b|(?:\S+ ){0,8}(?:in )?comments?\W*$)"
    r"|^you (?:are not|must be|need to be) (?:logged in|signed in|a member)\b", re.IGNORECASE)
SIGN_IN_PROMPT_MAX_WORDS = 15
# A forum's notice that a discussion takes no more replies: "This topic was automatically closed after 30
# days. New replies are no longer allowed.", "This thread has been locked.", "Closed to new replies".
CLOSED_NOTICE_RE = re.compile(
    r"^this (?:topic|thread|discussion|question|conversation) (?:was|has been|is(?: now)?) (?:automatically )?"
    r"(?:closed|locked|archived)\b|\bnew replies are no longer (?:allowed|accepted)\b|^closed to new replies\b",
    re.IGNORECASE)
CLOSED_NOTICE_MAX_WORDS = 25
# A notice that the reader's browser is too old for the site: "You are using an out of date browser. It
# may not display this or other websites correctly. You should upgrade or use an alternative browser."
OLD_BROWSER_RE = re.compile(
    r"^(?:you are|you're|you seem to be) using an? (?:out[- ]of[- ]date|outdated|unsupported|old(?:er)?) "
    r"(?:web )?browser\b|^your (?:web )?browser (?:is|appears to be|seems to be) (?:out[- ]of[- ]date|outdated|"
    r"not (?:fully )?supported)\b", re.IGNORECASE)
OLD_BROWSER_MAX_WORDS = 40
# A documentation page's notice of which version of the software it documents, or a picker of versions,
# among its first few blocks ("Version: 3.9.2", "Development Versions: devel", "This document describes
# the current stable version of Celery (5.6). For development docs, go here.", "You are reading the
# documentation for an older version"): the site's furniture around the page, not a sentence of it.
VERSION_NOTICE_RE = re.compile(
    r"^(?:[\w-]+ )?versions?\s*:\s*[\w.-]+(?:[\s,]+[\w.-]+){0,4}$"
    r"|^this (?:document|page|documentation|site) (?:describes|documents|covers|is for|refers to)"
    r" (?:\w+ ){0,3}version\b"
    r"|^you(?:'re|’re| are) (?:reading|viewing|looking at) (?:the )?(?:documentation|docs) (?:for|of) (?:\w+ ){0,3}"
    r"(?:version|release)\b", re.IGNORECASE)
VERSION_NOTICE_MAX_WORDS = 25
# A prompt to report a mistake in the documentation or to edit the page ("If you see anything in the
# documentation that is not correct, ... please use this form to report a documentation issue.").
FEEDBACK_PROMPT_RE = re.compile(r"\breport an? (?:documentation|doc|docs) (?:issue|bug|problem|error)\b"
                                r"|^(?:edit|improve) this page\b", re.IGNORECASE)
FEEDBACK_PROMPT_MAX_WORDS = 40
# A notice asking consent to the site's cookies.
COOKIE_NOTICE_RE = re.compile(r"\bcookies\b", re.IGNORECASE)
# (the site saying what it uses them for, "We use cookies to ...", "Do you mind if we use optional cookies to
# provide you personalized content", or that the reader agrees by browsing on, asks consent too)
COOKIE_CONSENT_RE = re.compile(
    r"\b(?:accept|agree|consent|cookie settings|cookie policy|manage (?:them|cookies))\b"
    r"|\b(?:we|partners|site) (?:may )?uses? (?:\w+ )?cookies (?:to|and)\b", re.IGNORECASE)
# Headings after which a page lists other pages, not more of the article.
AFTERWORD_HEADING_RE = re.compile(
    r"^(?:related(?: articles| posts| stories| content| reading| products)?|further reading|more from\b.*|more on\b.*|"
    r"you (?:may|might) also like|read next|recommended(?: for you| reading| articles)?|popular(?: posts| stories)?|"
    r"more stories|latest(?: posts| news| stories)?|trending|don't miss|about the author|more articles|"
    r"(?:what to )?read this next|what to read next|more news|related news|most (?:popular|read)|editor'?s picks?|"
    r"recent (?:posts|articles|stories))\W*$",
    re.IGNORECASE)
BREADCRUMB_SEPARATOR_RE = re.compile(r"\s*[›>»/|]\s*")
NEWSLETTER_RE = re.compile(r"\b(?:newsletter|subscribe|sign up)\b", re.IGNORECASE)
PROMPT_MAX_WORDS = 30
# A call to follow the site where it posts elsewhere, closing the page: "Follow us on Facebook,
# Instagram and TikTok to stay up to date", "Favourite on Google News", and the label of a row of
# follow buttons ("Follow The Daily Crumb"). A sentence of the article that names a network lacks the
# call, and the article's own last paragraph is longer.
FOLLOW_CALL_RE = re.compile(
    r"\b(?:follow|(?:like|find|favou?rite|connect with) us|favou?rite on|join (?:us|our|the))\b", re.IGNORECASE)
SOCIAL_NETWORK_RE = re.compile(
    r"\b(?:facebook|instagram|twitter|tiktok|pinterest|youtube|linkedin|threads|bluesky|mastodon|google news)\b",
    re.IGNORECASE)
FOLLOW_LABEL_RE = re.compile(r"^follow\b", re.IGNORECASE)
FOLLOW_LABEL_MAX_WORDS = 4
BREADCRUMB_MAX_PARTS = 8
TITLE_CRUMB_WORDS = 20
# After such a heading, the cards of other pages (a linked title, a teaser, a date) are cut too when
# they say at most this many times as many words as the article before the heading: a page's lists
# of other pages are short beside its article, where a heading matched by mistake in a long article
# would be followed by most of it.
AFTERWORD_MAX_RATIO = 2
# Words per block on average of an article's paragraphs, above what cards of other pages (a title,
# a teaser, a date) hold: when the first few blocks after such a heading say that much, the
# article goes on there (one or two such blocks are an author's bio).
PROSE_BLOCK_WORDS = 40
PROSE_MIN_BLOCKS = 3
# Share of a block's characters inside links above which it is a list of links.
LINK_LIST_SHARE = 0.6
# A menu at the article's edges: short paragraphs in a row, each nothing but a link ("Privacy Policy",
# "Cookie Notice", "Terms of Use"; a site's sections), which an article neither opens nor closes
# with. One such paragraph alone may be the article's own pointer to a page; a few characters beside
# the link are its separators ("|", "»").
MENU_MIN_LINKS = 2
MENU_LINK_MAX_WORDS = 6
MENU_SEPARATOR_CHARS = 2
# A table of contents opening the body (a book's chapters, a manual's pages, the sections of the
# page): a list of links whose items say nothing beside their links but the numbers of the
# chapters ("1.1 About Version Control"), an appendix's letter before its number included ("A1.1
# Graphical Interfaces", "B.2"). It belongs to the menu the body opens with, and is one by itself:
# a list holds several links. (Not at the end: the links closing an article under "See also" are
# the article's own.)
LETTER_RE = re.compile(r"[^\W\d_]")
APPENDIX_LETTER_RE = re.compile(r"(?<!\w)[A-Z](?=\d|\.)")
# A line of links to the page's own sections opening the body ("NAME | SYNOPSIS | DESCRIPTION |
# OPTIONS", as manual pages begin): links that all lead to places on one page (its address and a
# "#fragment"), and between them only separators. It is the page's contents, a menu by itself.
PAGE_CONTENTS_MIN_LINKS = 3
# The page's copyright line closing it ("© 2026 Tauri Contributors. CC-BY / MIT", "Copyright ©2019
# Dow Jones & Company, Inc. All Rights Reserved"): the sign anywhere, or the word opening the line,
# and a year, in a short line ("The copyright of the 1998 edition ran out." is a sentence).
# (A news agency's longer notice, "© 2019 Associated Press. All Rights Reserved. This material may
# not be published...", and a credit without a year, "© Reuters", go with the story it is syndicated in.)
COPYRIGHT_RE = re.compile(r"©|^(?:\(c\)|copyright\b)", re.IGNORECASE)
COPYRIGHT_YEAR_RE = re.compile(r"\b(?:19|20)\d\d\b")
COPYRIGHT_MAX_WORDS = 15


def drop_edge_junk(body: etree._Element, thread: bool = False) -> None:
    """Remove page furniture that trafilatura kept: labels (anywhere), a breadcrumb at the start,
    and a list of other pages or a newsletter prompt at the end. In a `thread` the line naming a
    post's author is part of the post and stays."""
    # The texts of the body's blocks, read once: they hold until something is taken out.
    texts = _block_texts(body)
    removed = False
    blocks = list(texts)
    for index, block in enumerate(blocks):
        if block.tag == "head" and AFTERWORD_HEADING_RE.match(texts[block]) and index > 0:
            rest = blocks[index + 1:]
            links = next((number for number, element in enumerate(rest) if not _is_link_list(element)), len(rest))
            if links and _is_prose(rest[links:]):  # a box of links inside the article, which goes on after it
                _remove_run(body, block, rest[links - 1])
                removed = True
                break
            if links == len(rest) or (not _is_prose(rest) and _links_to_pages(rest)
                                      and _words(rest) <= AFTERWORD_MAX_RATIO * _words(blocks[:index])):
                _remove_run(body, block, None)
                removed = True
                break
    for element in list(body.iter("p", "head", "item", "list")):
        parent = element.getparent()
        if parent is None:
            continue
        text = texts.get(element, "") if parent is body and not removed else _text(element)
        if (text and _label(text)) or _prompt(element, text, thread):
            remove_keeping_tail(element)
            removed = True
    # Taking a block out of the body leaves the others' texts as they were (its tail joins the
    # tail of the block before it, which is no text of that block): the blocks are read once.
    if removed:
        texts = _block_texts(body)
    blocks = list(texts)
    if blocks and _is_breadcrumb(texts[blocks[0]]):
        remove_keeping_tail(blocks.pop(0))
    for menu in (_menu_run(blocks, texts, contents=True), _menu_run(blocks[::-1], texts)):
        for element in menu:
            blocks.remove(element)
            remove_keeping_tail(element)
    if not thread:  # (a post's date line is part of the post)
        for element in date_lines(blocks, texts):
            blocks.remove(element)
            remove_keeping_tail(element)
    for element in [block for block in blocks[:EDGE_BLOCKS] if _version_notice(block, texts[block])]:
        if len(blocks) > 1:
            blocks.remove(element)
            remove_keeping_tail(element)
    # buttons at the edges only: inside the article, a "Buy now" after each product it reviews is
    # part of it
    while len(blocks) >= 2 and _is_button(blocks[0], texts[blocks[0]]):
        remove_keeping_tail(blocks.pop(0))
    while len(blocks) >= 2:
        last = blocks[-1]
        text = texts[last]
        if (len(text.split()) <= PROMPT_MAX_WORDS and last.tag in ("p", "head") and _end_prompt(text)
                or _is_button(last, text) or not thread and (last.tag == "head" or _copyright_line(last, text))):
            remove_keeping_tail(blocks.pop())
        else:
            return


def _version_notice(element: etree._Element, text: str) -> bool:
    """A notice of the version the page documents (see VERSION_NOTICE_RE)."""
    return (element.tag in ("p", "head") and len(text.split()) <= VERSION_NOTICE_MAX_WORDS
            and VERSION_NOTICE_RE.search(text) is not None)


def _copyright_line(element: etree._Element, text: str) -> bool:
    """The page's copyright line (see COPYRIGHT_RE)."""
    return (element.tag == "p" and len(text.split()) <= COPYRIGHT_MAX_WORDS and COPYRIGHT_RE.search(text) is not None
            and COPYRIGHT_YEAR_RE.search(text) is not None)


def _block_texts(body: etree._Element) -> dict[etree._Element, str]:
    """The body's children that show text, each with its text."""
    return {child: text for child in body if (text := _text(child))}


def _text(element: etree._Element) -> str:
    return " ".join("".join(element.itertext()).split())


def _remove_run(body: etree._Element, first: etree._Element, last: etree._Element | None) -> None:
    """Remove the children of `body` from `first` to `last` (to the end when None), the pictures
    between them too; their tails are text of the run."""
    children = list(body)
    end = children.index(last) + 1 if last is not None else len(children)
    for element in children[children.index(first):end]:
        body.remove(element)


def _is_prose(blocks: list[etree._Element]) -> bool:
    """Whether the blocks begin with paragraphs of an article (what follows them may be furniture again)."""
    first = blocks[:PROSE_MIN_BLOCKS]
    return len(first) == PROSE_MIN_BLOCKS and _words(first) >= PROSE_BLOCK_WORDS * PROSE_MIN_BLOCKS


def _links_to_pages(blocks: list[etree._Element]) -> bool:
    """Whether any of the blocks is a link to another page, as every card's title is: a section
    without one (a paragraph and a table under a "Related products" heading of a reference page)
    is more of the article."""
    return any(_is_link_list(element) and element.tag != "graphic" for element in blocks)


def _words(elements: list[etree._Element]) -> int:
    return sum(len(_text(element).split()) for element in elements)


def _label(text: str) -> bool:
    if not text or len(text) > 60:
        return False
    return " ".join(re.findall(r"\w+", text.casefold())) in LABELS or bool(
        READING_TIME_RE.match(text) or WIKI_TAGLINE_RE.match(text))


def _prompt(element: etree._Element, text: str, thread: bool = False) -> bool:
    """A newsletter, sales or sign-in prompt, a byline, a consent, cookie, old-browser or closed-thread
    notice, an affiliate disclosure or a pointer to other pages, standing as a block of its own (`text`: its
    text)."""
    if element.tag not in ("p", "head"):
        return False
    words = len(text.split())
    if words <= PROMPT_ANYWHERE_MAX_WORDS and NEWSLETTER_NOUN_RE.search(text) and CALL_RE.search(text):
        return True
    if words <= UPDATES_PROMPT_MAX_WORDS and UPDATES_PROMPT_RE.match(text):
        return True
    if not thread and words <= DONATION_MAX_WORDS and _donation_appeal(text):
        return True
    if words <= BYLINE_MAX_WORDS and BYLINE_RE.match(text):
        return True
    if not thread and element.tag == "p" and words <= NAME_BYLINE_MAX_WORDS and _name_byline(text):
        return True
    if words <= DISCLOSURE_MAX_WORDS and (CONSENT_RE.match(text) or (
            DISCLOSURE_RE.search(text) and FIRST_PERSON_RE.search(text))):
        return True
    if (words <= SALES_PROMPT_MAX_WORDS and SALES_PROMPT_RE.search(text)
            or words <= SIGN_IN_PROMPT_MAX_WORDS and SIGN_IN_PROMPT_RE.search(text)):
        return True
    if (words <= OLD_BROWSER_MAX_WORDS and OLD_BROWSER_RE.search(text)
            or words <= CLOSED_NOTICE_MAX_WORDS and CLOSED_NOTICE_RE.search(text)):
        return True
    if words <= FEEDBACK_PROMPT_MAX_WORDS and FEEDBACK_PROMPT_RE.search(text):
        return True
    if (words <= DISCLOSURE_MAX_WORDS and COOKIE_NOTICE_RE.search(text) and COOKIE_CONSENT_RE.search(text)
            and FIRST_PERSON_RE.search(text)):
        return True
    if (words <= AD_LABEL_MAX_WORDS and AD_LABEL_RE.match(text)
            or words <= ACCESS_NOTICE_MAX_WORDS and ACCESS_NOTICE_RE.match(text)):
        return True
    title = POINTER_TITLE_RE.match(text)
    if title and len(text[title.end():].split()) <= POINTER_TITLE_MAX_WORDS and not text.endswith("."):
        return True
    pointer = POINTER_RE.match(text)
    return pointer is not None and _is_link_list(element, pointer.end())


def _donation_appeal(text: str) -> bool:
    """An appeal for donations (see DONATION_RE): it asks, and starts with the call or speaks for the site."""
    start = APPEAL_START_RE.match(text)
    return bool(DONATION_RE.search(text) and (start or APPEAL_RE.search(text) and FIRST_PERSON_RE.search(text)))


def _end_prompt(text: str) -> bool:
    """A short block closing the page that asks the reader to subscribe or to follow the site."""
    return bool(NEWSLETTER_RE.search(text) or FOLLOW_CALL_RE.search(text) and SOCIAL_NETWORK_RE.search(text)
                or len(text.split()) <= FOLLOW_LABEL_MAX_WORDS and FOLLOW_LABEL_RE.match(text))


def _is_button(element: etree._Element, text: str) -> bool:
    """A paragraph of a few words of a call that are all one link (`text`: its text)."""
    links = list(element.iter("ref"))
    return (element.tag == "p" and len(links) == 1 and len(text.split()) <= BUTTON_MAX_WORDS
            and bool(BUTTON_CALL_RE.match(text)) and _text(links[0]) == text)


def _menu_run(blocks: list[etree._Element], texts: dict[etree._Element, str],
              contents: bool = False) -> list[etree._Element]:
    """The menu that `blocks` begin with (see MENU_MIN_LINKS), if any, with the tables of contents
    in it where `contents` (see LETTER_RE): never all of them."""
    run = list(itertools.takewhile(
        lambda block: _is_menu_link(block, texts[block]) or contents and (
            _is_contents(block) or _is_page_contents(block)), blocks))
    menu = len(run) >= MENU_MIN_LINKS or any(block.tag == "list" or _is_page_contents(block) for block in run)
    return run if menu and len(run) < len(blocks) else []


def _is_menu_link(element: etree._Element, text: str) -> bool:
    """A paragraph of a few words that are all one or more links (`text`: its text)."""
    if element.tag != "p" or len(text.split()) > MENU_LINK_MAX_WORDS:
        return False
    linked = sum(len(_text(ref)) for ref in element.iter("ref"))
    return linked > 0 and linked >= len(text) - MENU_SEPARATOR_CHARS


def _is_contents(element: etree._Element) -> bool:
    """A list of links whose items say nothing else but the numbers of chapters (see LETTER_RE)."""
    return (element.tag == "list" and len(list(element.iter("ref"))) >= MENU_MIN_LINKS
            and LETTER_RE.search(APPENDIX_LETTER_RE.sub("", text_outside(element, ("ref",)))) is None)


def _is_page_contents(element: etree._Element) -> bool:
    """A paragraph of links to places on one page, nothing but separators between them (see
    PAGE_CONTENTS_MIN_LINKS)."""
    targets = [ref.get("target") or "" for ref in element.iter("ref")]
    if element.tag != "p" or len(targets) < PAGE_CONTENTS_MIN_LINKS:
        return False
    pages = {target.partition("#")[0] for target in targets}
    return (len(pages) == 1 and all("#" in target for target in targets)
            and LETTER_RE.search(text_outside(element, ("ref",))) is None)


def _name_byline(text: str) -> bool:
    """"By" and a person's name: a line, not a sentence, whose capitalized words after "by" are
    no words of a title."""
    match = NAME_BYLINE_RE.match(text)
    return match is not None and not text.endswith(SENTENCE_ENDS) and not any(
        word.casefold() in NOT_NAME_WORDS for word in match.group("name").split())


def _is_breadcrumb(text: str) -> bool:
    parts = [part for part in BREADCRUMB_SEPARATOR_RE.split(text) if part]
    # (the last crumb may be the page's own title)
    return (1 < len(parts) <= BREADCRUMB_MAX_PARTS and parts[0].casefold() == "home"
            and all(len(part.split()) <= 6 for part in parts[:-1]) and len(parts[-1].split()) <= TITLE_CRUMB_WORDS)


def _is_link_list(element: etree._Element, skipped: int = 0) -> bool:
    """Whether the block's text, but for its first `skipped` characters (a label), is mostly links
    (a label alone points to the links that follow it)."""
    text = _text(element)
    if not text[skipped:].strip():
        return True
    linked = sum(len(" ".join("".join(ref.itertext()).split())) for ref in element.iter("ref"))
    return linked >= LINK_LIST_SHARE * len(text[skipped:].strip()) or element.tag == "graphic"
