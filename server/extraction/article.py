"""The one entry point: HTML + URL in, Article out.

trafilatura runs once per page (it lives in this package only: trafilatura_call.py;
a thread's posts are read a second time on their own, threads.py, and a short body
a second time without the page's pictures, SHORT_BODY_WORDS); its XML body
tree is then walked once to produce both the plain text (the offsets
highlights point into) and the reader HTML, so the two always show the same
article.
"""
from __future__ import annotations

import itertools
import math
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from lxml import etree
from lxml.html import HtmlElement
from trafilatura.settings import Document

from server.sanitize import WEB_SCHEMES, absolute_url, sanitize_reader_html

from .body import WORD_RE, WORDS_RE, render_body
from .contents import restore_chapter_contents
from .edges import comparable, drop_author_bio, drop_edge_junk, drop_leading_title, remove_keeping_tail
from .footers import drop_page_footer
from .furniture import drop_post_furniture
from .head import scan_head
from .images import lead_image
from .introduced import restore_headed_lists, restore_introduced_lists
from .kinds import SHORT_TEXT_CHARS, THREAD, only_boilerplate, page_kind
from .language import guess_language
from .metadata import Found, declared, page_metadata
from .posters import poster_names
from .quotes import drop_repeated_passages, drop_repeated_quotes
from .region import article_region, keeps, lost_structure, region_document, says_much_more
from .parsing import parse
from .sentences import restore_linked_sentences
from .source import prepare, resolve_links
from .threads import (drop_repeated_labels, drop_signatures, opens_thread, posts_document, replies_below,
                      thread_posts, unseen_words)
from .trafilatura_call import extract_body, extract_document

LONE_SURROGATE_RE = re.compile("[\ud800-\udfff]")
NO_ARTICLE_MESSAGE = "No article text was found on this page"
WORDS_PER_MINUTE = 230
EXCERPT_CHARS = 280
SENTENCE_END = (".", "!", "?", "…", '"', "”", "»", ")")

# Comments sections stay out; everything the reader view shows is kept in the tree.
TRAFILATURA_SETTINGS: dict[str, Any] = dict(
    with_metadata=True,
    include_comments=False,
    include_tables=True,
    include_images=True,
    include_links=True,
    include_formatting=True,
    # "xml" returns the same body as "python" without serializing it to markdown first
    output_format="xml",
)
# In a discussion the replies are the content.
THREAD_SETTINGS = {**TRAFILATURA_SETTINGS, "include_comments": True}
# A document of the thread's posts alone: each post is kept whole, its author line too.
POSTS_SETTINGS = {**THREAD_SETTINGS, "favor_recall": True}
# A page whose article trafilatura cut short is read again favouring recall; what that finds is
# taken when it keeps nearly all of the first body's words (favouring recall, trafilatura may
# settle on another part of the page).
RECALL_SETTINGS = {**TRAFILATURA_SETTINGS, "favor_recall": True}
KEPT_SHARE = 0.95
# A page that says less than a paragraph of its own above a long discussion (a link shared on an
# aggregator, with the talk about it below) is a discussion: its comments are what the reader came
# for. A short post of a paragraph or more (a blog's "open thread") stays an article without them.
# Only pages with such a stub of a body are read a second time, so articles cost nothing more.
STUB_BODY_WORDS = 50
# A block of the first post this long that a reply also says is the reply read twice (a short
# one, "Thanks!", may well be said twice).
REPEATED_BLOCK_CHARS = 20
DISCUSSION_TIMES_STUB = 4
# Below this share of the posts' words, trafilatura's reading of the posts together has left
# some of them out: each is then read on its own (which costs a call per post).
POSTS_READ_SHARE = 0.4
# Asked for images, trafilatura keeps blocks that hold a picture (the cards of a shop's grid, with
# their prices and badges) that it would otherwise drop, and that text then counts as the page's
# content: its second look at a page it took too little of (in recall mode) does not run, and a
# product's or a category's description is lost. Pictures must not decide which text is taken:
# where the body is short and kept pictures, the page is read again without them, and that
# reading is taken when it says more: the same blocks read without their pictures say no more
# than before, so a reading that says more has found text the pictures kept it from (a product's
# description and its list of features beside a gallery's captions and a price). (Longer
# bodies, and bodies that kept no picture, are read once, so most articles cost nothing more.)
# The two readings are weighed by their words outside links: the cards of other pages that the
# pictures kept (a "See also" row of teasers, each a picture and a linked title and summary) are
# all links, where an article's text is not, so a body of cards says as many words as an article's
# opening paragraphs read without them but says none of its own. The blocks that pictures bring
# in come several at a time (a grid, a row of cards, a gallery): a body that kept one picture (an
# article's lead image) was not chosen for it, and is read once too.
SHORT_BODY_WORDS = 500
CHOSEN_FOR_PICTURES = 2
IMAGELESS_TIMES = 1
# What any reading of the page can say: its texts but for those of its scripts and styles, and the
# JSON-LD that trafilatura's last resort reads as text (counted generously: its words and its
# pieces of markup alike). A page that says no more than IMAGELESS_TIMES the body is not read again.
PAGE_TEXTS = etree.XPath("//text()", smart_strings=False)
UNSHOWN_TEXTS = etree.XPath("//script/text()|//style/text()", smart_strings=False)
JSON_LD_TEXTS = etree.XPath("//script[@type='application/ld+json']/text()", smart_strings=False)
# Posts a forum embeds in an attribute, which trafilatura's last resort reads too.
# (the attribute itself looked for, which libxml2 finds faster than by asking each element for it)
EMBEDDED_POSTS = etree.XPath("boolean(//@data-preloaded)")


class NoArticle(ValueError):
    def __init__(self, message: str = NO_ARTICLE_MESSAGE) -> None:
        super().__init__(message)


@dataclass(frozen=True)
class Article:
    text: str
    html: str
    title: str | None
    author: str | None
    published: str | None
    site_name: str | None
    language: str | None
    image: str | None
    excerpt: str | None
    canonical_href: str | None
    word_count: int
    reading_minutes: int
    kind: str  # "article", or "thread" for a discussion whose replies are part of the content


def extract(html: str, url: str, encoded: bytes | None = None) -> Article:
    """The article of the page `html` (already decoded text) saved from `url`. `encoded`, its
    UTF-8 bytes where the caller has them (a page without lone surrogates), spares encoding it
    again.

    Raises NoArticle when the page has no article text."""
    if encoded is None:
        html, encoded = _without_lone_surrogates(html)
    tree = parse(html, encoded)
    if tree is None:
        raise NoArticle()
    page = declared(tree)  # before trafilatura prunes the tree
    kind = page_kind(page, url)
    settings = THREAD_SETTINGS if kind == THREAD else TRAFILATURA_SETTINGS
    tree = prepare(tree)
    resolve_links(tree, url)
    document = extract_document(tree, url, settings)
    if document is None or document.body is None:
        raise NoArticle()
    words = 0  # the words of document.body, counted once for the steps below that weigh it
    if kind != THREAD:  # a thread's posts are read on their own (_posts_body)
        words = _read_without_pictures(tree, url, settings, document)
        if _is_discussion(tree, url, document, words):
            kind = THREAD
    # (a page none of whose elements marks a user opens no thread: its posts are not looked for,
    # a walk of the whole tree, unless it is a thread already)
    posts = thread_posts(tree) if kind == THREAD or page.marks_users else []
    story = None  # an article that the thread's posts are the replies to, standing apart from them
    if kind != THREAD and opens_thread(posts, document.body):
        kind = THREAD
    elif kind != THREAD and replies_below(posts, document.body):
        kind, story = THREAD, document.body
    if kind != THREAD:
        _read_region(tree, url, document, words)
    if kind == THREAD and document.commentsbody is not None and len(document.commentsbody):
        _add_replies(document.body, document.commentsbody)
    # (the lead image is looked for in what trafilatura took: a post's images are often signatures)
    if story is not None:
        body = _story_and_replies(tree, url, story, posts)
    else:
        body = _posts_body(tree, url, document.body, posts) if kind == THREAD else document.body
    if kind == THREAD:
        drop_signatures(body, posts)
        drop_repeated_labels(body, poster_names(tree))
        drop_repeated_quotes(body)
        drop_repeated_passages(body)
    found = Found(document.title, document.searches.author, document.searches.date, document.sitename)
    meta = page_metadata(page, found, url, thread=kind == THREAD)
    title = meta.title
    if kind == THREAD:
        drop_post_furniture(body, title)
    drop_leading_title(body, title)
    if kind != THREAD:  # (before the furniture goes: a sentence put back is judged with the body)
        restore_linked_sentences(body, tree)
    drop_edge_junk(body, thread=kind == THREAD)
    drop_page_footer(body, tree)
    if kind != THREAD:  # (a post's last lines may well say who its poster is)
        drop_author_bio(body, meta.author)
        # (after the furniture went: a list that "Related:" introduced goes with it)
        restore_introduced_lists(body, tree)
        restore_headed_lists(body, tree)
        restore_chapter_contents(body, tree)
    blocks, reader_html = render_body(body, tree)
    text = "\n\n".join(blocks)
    if not WORD_RE.search(text) or (len(text) < SHORT_TEXT_CHARS and only_boilerplate(html)):
        raise NoArticle()
    head = scan_head(html)
    word_count = len(text.split())
    return Article(
        text=text,
        html=sanitize_reader_html(reader_html, url),
        title=title,
        author=meta.author,
        published=meta.published,
        site_name=meta.site_name or _clean(document.hostname),
        language=head.language or guess_language(text),
        image=lead_image([page.image, document.image, *_body_images(document.body)], url, meta.site_name),
        excerpt=_excerpt(_clean(document.description), text),
        canonical_href=absolute_url(head.canonical, url, WEB_SCHEMES) if head.canonical else None,
        word_count=word_count,
        reading_minutes=max(1, math.ceil(word_count / WORDS_PER_MINUTE)),
        kind=kind,
    )


def _add_replies(body: etree._Element, comments: etree._Element) -> None:
    """The replies after the first post. trafilatura sometimes reads the replies' texts as the
    body too, without their author lines: a block of the body that the replies say again goes."""
    said = comparable(" ".join(comments.itertext()))
    for block in list(body):
        text = comparable("".join(block.itertext()))
        if len(text) >= REPEATED_BLOCK_CHARS and text in said:
            remove_keeping_tail(block)
    body.extend(comments)


def _story_and_replies(tree: HtmlElement, url: str, story: etree._Element,
                       posts: list[HtmlElement]) -> etree._Element:
    """The article `story` followed by the thread's `posts` that reply to it, read on their own."""
    replies = _read_posts(posts, url)
    if replies is None or unseen_words(replies, tree, story):
        return story
    joined = etree.Element("body")
    joined.extend([*story, *replies])
    return joined


def _read_without_pictures(tree: HtmlElement, url: str, settings: dict[str, Any], document: Document) -> int:
    """Where `document`'s body is short and kept pictures (CHOSEN_FOR_PICTURES or more), the body
    and comments of the page read without its pictures instead, when that reading says more than
    IMAGELESS_TIMES its words outside links (see SHORT_BODY_WORDS). Answers the words of the body
    it leaves in `document`."""
    assert document.body is not None
    words = _words(document.body)
    if words >= SHORT_BODY_WORDS or not _holds_at_least(document.body, "graphic", CHOSEN_FOR_PICTURES):
        return words  # a body that kept no picture, or one, was not chosen for its pictures
    if _most_words(tree) <= IMAGELESS_TIMES * words:
        return words  # the body says all the page says: no reading can find other text
    imageless = extract_body(tree, url or document.url, {**settings, "include_images": False})
    if imageless is None or imageless.body is None:
        return words
    if _unlinked_words(imageless.body) <= IMAGELESS_TIMES * _unlinked_words(document.body):
        return words
    document.body, document.commentsbody = imageless.body, imageless.commentsbody
    return _words(imageless.body)


def _is_discussion(tree: HtmlElement, url: str, document: Document, stub: int) -> bool:
    """Whether the page read with its comments says several times what its stub of a body says
    (`stub`: its words); if so, `document` takes that body and those comments."""
    assert document.body is not None
    if stub >= STUB_BODY_WORDS:
        return False
    discussion = extract_body(tree, url, THREAD_SETTINGS)
    if discussion is None or discussion.body is None:
        return False
    comments = discussion.commentsbody
    said = _words(discussion.body) + (_words(comments) if comments is not None else 0)
    if said < DISCUSSION_TIMES_STUB * max(stub, 1):
        return False
    # trafilatura runs some texts of the comments together; those words would be invented
    if unseen_words(discussion.body, tree, document.body) or (
            comments is not None and unseen_words(comments, tree, document.body)):
        return False
    document.body, document.commentsbody = discussion.body, comments
    return True


def _read_region(tree: HtmlElement, url: str, document: Document, words: int) -> None:
    """Where trafilatura left out part of the article's region (region.py), the body read again
    from the region alone or, favouring recall, from the page, if that says more (`words`: the
    body's) and keeps what the body said."""
    assert document.body is not None
    region = article_region(tree, document.body)
    if region is None:
        return
    if lost_structure(region, document.body):
        if _read_instead(document, extract_body(region_document(region), url, TRAFILATURA_SETTINGS), tree, words):
            return
        # One section of a reference page may hold most of its paragraphs (its list of parameters):
        # read alone, it loses the other sections. The region holding nearly all of them is read then
        # (short of the whole page: a line of its header among the body's paragraphs leads there).
        whole = article_region(tree, document.body, KEPT_SHARE)
        if whole is not None and whole is not region and whole.tag not in ("body", "html"):
            _read_instead(document, extract_body(region_document(whole), url, TRAFILATURA_SETTINGS), tree, words)
    elif says_much_more(region, document.body):
        _read_instead(document, extract_body(tree, url, RECALL_SETTINGS), tree, words)


def _read_instead(document: Document, found: Document | None, tree: HtmlElement, words: int) -> bool:
    """Take the body `found` for the document's where it says more (`words`: the body's) and keeps
    what the body said; whether it was taken."""
    assert document.body is not None
    if found is None or found.body is None or _words(found.body) <= words:
        return False
    if keeps(found.body, document.body, KEPT_SHARE) and not unseen_words(found.body, tree, document.body):
        document.body = found.body
        return True
    return False


def _posts_body(tree: HtmlElement, url: str, body: etree._Element, posts: list[HtmlElement]) -> etree._Element:
    """The thread's `posts` read on their own, where they say more than what trafilatura took from
    the whole page (often the first post alone, or the first post and a few replies)."""
    if not posts:
        return body
    read = _read_posts(posts, url)
    if read is None or _words(read) <= _words(body):
        return body
    return body if unseen_words(read, tree, body) else read


def _read_posts(posts: list[HtmlElement], url: str) -> etree._Element | None:
    """trafilatura's body of the document of `posts`. Where it says much less than the posts do
    (it kept one post, or an article one post quotes, and left the others out), each post is read
    on its own and the bodies joined, in the posts' order."""
    document = extract_body(posts_document(posts), url, POSTS_SETTINGS)
    whole = document.body if document is not None else None
    said = sum(len(post.text_content().split()) for post in posts)
    if whole is not None and _words(whole) >= POSTS_READ_SHARE * said:
        return whole
    joined = etree.Element("body")
    for post in posts:
        alone = extract_body(posts_document([post]), url, POSTS_SETTINGS)
        if alone is not None and alone.body is not None:
            joined.extend(alone.body)
    if whole is None or _words(joined) > _words(whole):
        return joined
    return whole


def _words(body: etree._Element) -> int:
    return len(" ".join(body.itertext()).split())


def _unlinked_words(body: etree._Element) -> int:
    """The words of `body` that no link holds."""
    return _words(body) - sum(_words(link) for link in body.iter("ref"))


def _most_words(tree: HtmlElement) -> float:
    """At least as many words as trafilatura can take from the page, as `_words` counts them."""
    if EMBEDDED_POSTS(tree):
        return math.inf
    said = _count(PAGE_TEXTS(tree)) - _count(UNSHOWN_TEXTS(tree))
    embedded = " ".join(JSON_LD_TEXTS(tree))
    return said + len(embedded.split()) + len(WORDS_RE.findall(embedded))


def _holds_at_least(body: etree._Element, tag: str, count: int) -> bool:
    """Whether `body` holds at least `count` elements `tag` (it stops looking there)."""
    return sum(1 for _ in itertools.islice(body.iter(tag), count)) == count


def _count(texts: list[str]) -> int:
    return len(" ".join(texts).split())


def _without_lone_surrogates(html: str) -> tuple[str, bytes]:
    """The page without lone surrogates, and its UTF-8 bytes (which parsing reads too: the page
    is encoded once). lxml cannot take lone surrogates (JSON can carry them) and would cut the
    page at the first one."""
    try:
        return html, html.encode("utf-8")  # much faster than searching for them
    except UnicodeEncodeError:
        html = LONE_SURROGATE_RE.sub("\ufffd", html)
        return html, html.encode("utf-8")


def _clean(value: str | None) -> str | None:
    value = (value or "").strip()
    return value or None


def _excerpt(description: str | None, text: str) -> str | None:
    """The page's description, else the start of its text cut at a word."""
    flat = " ".join(text.split())
    if description:
        description = " ".join(description.split())
        # a description that is only the start of the text, cut mid-sentence, reads worse than our own cut
        if not (flat.startswith(description) and not description.endswith(SENTENCE_END)):
            return description
    if len(flat) <= EXCERPT_CHARS:
        return flat or None
    cut = flat.rfind(" ", 0, EXCERPT_CHARS)
    excerpt = flat[:cut if cut > EXCERPT_CHARS // 2 else EXCERPT_CHARS].rstrip(" ,;:")
    return excerpt if excerpt.endswith(SENTENCE_END) else f"{excerpt}…"


def _body_images(body: etree._Element) -> Iterator[str | None]:
    """The addresses of the article's pictures, in its order."""
    return (graphic.get("src") for graphic in body.iter("graphic"))
