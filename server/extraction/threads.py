"""The posts of a discussion, found by their repeated structure.

trafilatura keeps the first element that looks like an article body. In a
thread every post carries such a body, so it keeps the first post and drops
the replies, or reads the replies as comments and keeps only some of them. A
thread's posts are siblings of one shape: the same tag and the same classes
(leaving out those that number the posts or mark odd and even rows); a post
marked with a class more (the opening post, an accepted answer) is one of
them. The group of such siblings whose members but the longest hold the most
text outside links is the thread: a thread is several posts, where a page's
main column and its sidebar are siblings too, one of which says nearly all.
A post of that shape standing above the group in a block of its own (a
question above the block of its answers) opens the thread.
A document of those posts alone, stripped of the class and id attributes
that would make one of them look like the article body, is what trafilatura
then reads, so each post keeps its author line, its date and its paragraphs.
A page that trafilatura reads as an article is a thread when that article is
one of such posts, most of which name their poster (opens_thread).
"""
from __future__ import annotations

import copy
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

from lxml import etree
from lxml import html as lxml_html
from lxml.html import HtmlElement

from .posters import marks_a_poster
from .edges import comparable, remove_keeping_tail
from .layout import BLOCKS

# Elements that hold one post each; paragraphs, spans and list wrappers are parts of a post.
POST_TAGS = frozenset({"article", "div", "section", "li", "tr", "tbody", "table", "dl"})
# Page regions no thread lives in.
SKIPPED_TAGS = frozenset({"nav", "header", "footer", "aside", "menu", "select", "script", "style",
                          "template", "svg", "button", "dialog"})
# Roles of the same regions, and of the dialogs laid over a page (a cookie consent's sections of
# settings are repeated blocks of text, but no thread).
SKIPPED_ROLES = frozenset({"navigation", "banner", "contentinfo", "dialog", "alertdialog"})
MIN_POSTS = 2
# Where markup names a signature; a block holding this share of a post's text or more is the post.
SIGNATURE_ATTRIBUTES = ("class", "id", "data-role")
SIGNATURE_SHARE = 0.5
# schema.org's property for a person's title, which forums give a poster's rank.
POSTER_TITLE_PROPERTY = "jobTitle"
# What a form asks its user to fill in.
FORM_FIELDS = ("input", "textarea", "select")
# Text outside links a sibling needs to count as a post (a row of links is not one).
MIN_POST_CHARS = 20
# Attributes by which trafilatura recognizes an article body or a comments section.
STRIPPED_ATTRIBUTES = ("class", "id", "itemprop", "itemtype", "itemscope", "role")
# Classes that tell posts apart rather than say what they are: ids, numbers, row parities.
DISTINGUISHING_CLASS_RE = re.compile(r"\d|odd$|even$|^alt$", re.IGNORECASE)
WORDS_RE = re.compile(r"\w+")
POSTS_PAGE = "<html><body><article></article></body></html>"
# A short block said the same way three times or more in a thread is a label of the forum's
# furniture ("Link to comment", "Share on other sites", "Quote", "Code: Select all", a rank
# under each author's name), not something a post says.
LABEL_MAX_WORDS = 8
LABEL_MIN_REPEATS = 3
# A page trafilatura read as an article is a thread whose opening post it took for that article
# when the article's first paragraph stands in one of a group of posts of which most name their
# poster (a user-name class, a link to a member's profile): an article's body does not stand in
# its comments, and the repeated sections of an article or a shop's cards name no user each.
MIN_THREAD_POSTS = 3
MARKED_POSTS_SHARE = 2 / 3
# A page that trafilatura read as an article is a discussion when below that article stands a tree
# of replies: a group of posts, most naming their poster by the site's own marks (a user-name
# class, a link to a member's profile), that does not hold the article, and half of whose posts
# hold replies of their own shape, each naming its poster. (An aggregator's story and its talk,
# a link shared with the comments on it.) A blog's comments name their writers by a link to
# their own sites, not to a profile of the site, and a listing's cards hold no cards.
REPLY_TREE_SHARE = 1 / 2
# A post says its own words; a listing's card (a linked title, a byline linking to its writer's
# profile, a date) says most of its text in links, and cards naming their writers are no thread.
CARD_LINKED_SHARE = 1 / 2
# A paragraph this long is the article's own, not a label that a post may say as well.
OPENING_PARAGRAPH_CHARS = 40
LEAF_BLOCKS = ("p", "head", "item")
BLOCK_CHILDREN = frozenset({"p", "head", "item", "list", "quote", "code", "table", "div", "figure"})


@dataclass(frozen=True)
class _Size:
    chars: int  # all the text
    link_chars: int  # the text inside links


def thread_posts(tree: HtmlElement) -> list[HtmlElement]:
    """The posts of the page's thread in page order: the group of same-shaped siblings holding the
    most text outside links in its posts but the longest; [] when the page has no such group."""
    body = tree.find("body") if tree.tag == "html" else tree
    if body is None:
        return []
    sizes = _sizes(body)
    best: list[HtmlElement] = []
    best_chars = 0
    # (a group is some of one parent's children: a parent of fewer than MIN_POSTS holds none)
    for parent in sizes:
        if len(parent) < MIN_POSTS:
            continue
        for members in _sibling_groups(parent, sizes):
            own = [sizes[member].chars - sizes[member].link_chars for member in members]
            if sum(chars >= MIN_POST_CHARS for chars in own) < MIN_POSTS:
                continue
            if sum(own) - max(own) > best_chars:
                best, best_chars = members, sum(own) - max(own)
    return [*_posts_before(body, best, sizes), *best]


def opens_thread(posts: list[HtmlElement], body: etree._Element) -> bool:
    """Whether trafilatura's article `body` is a post of the thread `posts` (see MIN_THREAD_POSTS)."""
    if not _posters_named(posts):
        return False
    opening = _opening(body)
    return opening is not None and any(opening in comparable(post.text_content()) for post in posts)


def replies_below(posts: list[HtmlElement], body: etree._Element) -> bool:
    """Whether the thread `posts` is a tree of replies to trafilatura's article `body`, standing
    apart from it (see REPLY_TREE_SHARE)."""
    if not _posters_named(posts):
        return False
    if sum(_holds_replies(post) for post in posts) < REPLY_TREE_SHARE * len(posts):
        return False
    opening = _opening(body)
    return opening is not None and not any(opening in comparable(post.text_content()) for post in posts)


def _posters_named(posts: list[HtmlElement]) -> bool:
    """Whether `posts` are enough posts, most of which name their poster and say their own words
    (see MIN_THREAD_POSTS and CARD_LINKED_SHARE)."""
    return len(posts) >= MIN_THREAD_POSTS and \
        sum(marks_a_poster(post) and not _card(post) for post in posts) >= MARKED_POSTS_SHARE * len(posts)


def _card(post: HtmlElement) -> bool:
    """Whether `post` says more than CARD_LINKED_SHARE of its text in links: a listing's card."""
    said = len(post.text_content())
    linked = sum(len(link.text_content()) for link in post.iter("a")
                 if next(link.iterancestors("a"), None) is None)
    return linked > CARD_LINKED_SHARE * said


def _opening(body: etree._Element) -> str | None:
    """The first paragraph of `body` long enough to be its own (see OPENING_PARAGRAPH_CHARS)."""
    return next((text for block in body if len(text := comparable("".join(block.itertext())))
                 >= OPENING_PARAGRAPH_CHARS), None)


def _holds_replies(post: HtmlElement) -> bool:
    """Whether `post` holds a post of its own shape (a reply nested under it) that names its poster."""
    shape = _shape(post)
    return any(_shape(reply) == shape and marks_a_poster(reply) for reply in post.iterdescendants(shape[0]))


def _sibling_groups(parent: etree._Element, sizes: dict) -> Iterator[list[HtmlElement]]:
    """The children of `parent` that could be posts, grouped by shape. A child with every class of
    a group of several and more (the opening post, an accepted answer, a moderator's post marked
    as such) is one more post of that group, in its place in the page."""
    children = [child for child in parent
                if isinstance(child, HtmlElement) and child.tag in POST_TAGS and child in sizes]
    shapes = {child: _shape(child) for child in children}
    counts = Counter(shapes.values())
    for (tag, classes), count in counts.items():
        if not classes or count < MIN_POSTS:
            yield [child for child in children if shapes[child] == (tag, classes)]
            continue
        yield [child for child, (other_tag, other_classes) in shapes.items()
               if other_tag == tag and set(classes) <= set(other_classes)]


def _posts_before(body: etree._Element, posts: list[HtmlElement], sizes: dict) -> list[HtmlElement]:
    """The posts of the thread's shape standing before its group of `posts`, outside it: a page laid
    out as a question and its answers holds the opening post in a block of its own, above the
    replies, marked with a class more (like the opening post in `_sibling_groups`)."""
    if not posts:
        return []
    tag, classes = _shape(posts[0])
    shared = set(classes).intersection(*(_shape(post)[1] for post in posts))
    if not shared:
        return []  # elements of a bare tag say nothing of what they are
    holding = set(posts[0].iterancestors())
    before: list[HtmlElement] = []
    for element in body.iter(tag):
        if element is posts[0]:
            return before
        if not isinstance(element, HtmlElement) or element not in sizes or element in holding:
            continue
        own = sizes[element].chars - sizes[element].link_chars
        if own >= MIN_POST_CHARS and shared <= set(_shape(element)[1]) and not any(
                ancestor in before for ancestor in element.iterancestors()):
            before.append(element)
    return []


def posts_document(posts: list[HtmlElement]) -> HtmlElement:
    """A page holding only `posts` (copied), in one article, without the attributes that would
    single one of them out."""
    page = lxml_html.document_fromstring(POSTS_PAGE)  # an HtmlElement, as trafilatura takes it
    article = page.find("body/article")
    assert article is not None
    for post in posts:
        kept = copy.deepcopy(post)
        kept.tail = None
        _unlink_permalinks(kept)
        for element in kept.iter():
            for name in STRIPPED_ATTRIBUTES:
                element.attrib.pop(name, None)
        _space_around_blocks(kept)
        _open_text_forms(kept)
        _open_headers(kept)
        article.append(kept)
    _mark_bare_paragraphs(article)
    return page


def unseen_words(body: etree._Element, page: etree._Element, also: etree._Element) -> set[str]:
    """The words of trafilatura's `body` that neither the page nor the body `also` has: trafilatura
    runs the texts of some flattened elements together ("gamerchick02" and a hidden
    "2010-10-17" become one word)."""
    texts = [text for text in page.itertext() if isinstance(text, str)]
    seen = set(WORDS_RE.findall(" ".join(texts))) | set(WORDS_RE.findall("".join(texts)))
    seen.update(WORDS_RE.findall(" ".join(also.itertext())))
    return set(WORDS_RE.findall(" ".join(body.itertext()))) - seen


def drop_repeated_labels(body: etree._Element, posters: frozenset[str] | set[str] = frozenset()) -> None:
    """Remove the short blocks that the thread `body` says LABEL_MIN_REPEATS times or more, but
    for the names of its `posters` (casefolded): a name standing under each of a poster's posts
    says who wrote them."""
    leaves = [element for element in body.iter(*LEAF_BLOCKS)
              if not any(child.tag in BLOCK_CHILDREN for child in element)]
    texts = {element: " ".join("".join(element.itertext()).split()).casefold() for element in leaves}
    # (trafilatura leaves some labels as loose text after an element of the body, a picture's)
    tails = {element: " ".join(element.tail.split()).casefold() for element in body if element.tail}
    counts = Counter(text for text in [*texts.values(), *tails.values()]
                     if text and len(text.split()) <= LABEL_MAX_WORDS)
    for element, text in tails.items():  # (first: removing a block moves its tail)
        if counts[text] >= LABEL_MIN_REPEATS and text not in posters:
            element.tail = None
    for element, text in texts.items():
        if counts[text] >= LABEL_MIN_REPEATS and text not in posters and element.getparent() is not None:
            remove_keeping_tail(element)


def drop_signatures(body: etree._Element, posts: list[HtmlElement]) -> None:
    """Remove from the thread `body` the blocks that only the signatures of its `posts` say: the
    blocks their markup names a signature (a class, an id or a role saying "signature"), holding
    less than SIGNATURE_SHARE of their post's text and not naming its poster (a "signature" that
    holds the poster's name and the post's date is its author line), and the posters' titles
    that their microdata marks ("Moderator", a rank). (They are left in the posts trafilatura
    reads, whose reading of a thread changes with the shape of each post.)"""
    signatures = [signature for post in posts for signature in _signatures(post)]
    if not signatures:
        return
    signed = " \n ".join(_words_of(" ".join(signature.itertext())) for signature in signatures)
    own = " \n ".join(_words_of(" ".join(_own_texts(post, set(signatures)))) for post in posts)
    for block in list(body.iter(*LEAF_BLOCKS)):
        if any(child.tag in BLOCK_CHILDREN for child in block) or block.getparent() is None:
            continue
        said = _words_of(" ".join(block.itertext()))
        if said and f" {said} " in f" {signed} " and f" {said} " not in f" {own} ":
            remove_keeping_tail(block)


def _signatures(post: HtmlElement) -> Iterator[HtmlElement]:
    """The outermost blocks of the post that its markup names a signature or its poster's title
    (see drop_signatures)."""
    said = len(post.text_content())
    marked = [element for element in post.iterdescendants() if isinstance(element, HtmlElement) and (
        "signature" in " ".join(element.get(name) or "" for name in SIGNATURE_ATTRIBUTES).lower()
        or element.get("itemprop") == POSTER_TITLE_PROPERTY)]
    for element in marked:
        if any(ancestor in marked for ancestor in element.iterancestors()):
            continue
        if len(element.text_content()) < SIGNATURE_SHARE * said and not marks_a_poster(element):
            yield element


def _own_texts(element: HtmlElement, signatures: set[HtmlElement]) -> Iterator[str]:
    """The texts of `element` outside its `signatures`."""
    if element in signatures:
        return
    yield element.text or ""
    for child in element:
        if isinstance(child, HtmlElement):
            yield from _own_texts(child, signatures)
        yield child.tail or ""


def _words_of(text: str) -> str:
    return " ".join(WORDS_RE.findall(text.casefold()))


def _mark_bare_paragraphs(posts: etree._Element) -> None:
    """Make a paragraph of each division of the `posts` holding text alone, and more of it than a
    label, said once in the thread: a post written as bare text in a division (no paragraph, no
    line break) is read as no text by trafilatura beside posts written in paragraphs, and the post
    is lost. (A label, a name, a date or a rank under a poster's name says no more than
    LABEL_MAX_WORDS; a signature is said again under each of its poster's posts.)"""
    bare = [division for division in posts.iter("div")
            if not len(division) and len(WORDS_RE.findall(division.text or "")) > LABEL_MAX_WORDS]
    said = Counter(comparable(division.text or "") for division in bare)
    for division in bare:
        if said[comparable(division.text or "")] == 1:
            division.tag = "p"


def _open_text_forms(post: etree._Element) -> None:
    """Make a division of each form of the post that shows paragraphs and asks for nothing (no
    field but hidden ones): some forums write a post's text inside the form that edits it, and
    trafilatura deletes forms, taking the post's text with them."""
    for form in list(post.iter("form")):
        if next(form.iter("p"), None) is not None and not any(
                field.tag != "input" or (field.get("type") or "").lower() != "hidden"
                for field in form.iter(*FORM_FIELDS)):
            form.tag = "div"


def _open_headers(post: etree._Element) -> None:
    """Make a division of each header inside the post: a post's header is its attribution (its
    poster, its date, its number), which trafilatura would drop as the page's banner."""
    for header in list(post.iter("header")):
        header.tag = "div"


def _unlink_permalinks(post: HtmlElement) -> None:
    """Make plain text of each link of the post to the post itself (its address's fragment names
    an element of the post: "#post-4"), which shows its number or its date. Beside the text of a
    short post, in a block of a few parts, such links make trafilatura delete the block as a
    menu (a short block with links), and the post with it."""
    anchors = {name for element in post.iter() for name in (element.get("id"), element.get("name")) if name}
    if not anchors:
        return
    for link in list(post.iter("a")):
        if (link.get("href") or "").partition("#")[2] in anchors:
            link.drop_tag()


def _space_around_blocks(post: etree._Element) -> None:
    """Whitespace on both sides of each block inside the post, as a browser sets them apart:
    trafilatura flattens some blocks (once their classes are gone, a hidden date among them) and
    would run the last word before a block into its first."""
    for element in post.iterdescendants(*BLOCKS):
        element.tail = f" {element.tail or ''}"
        previous = element.getprevious()
        if previous is not None:
            previous.tail = f"{previous.tail or ''} "
        elif (parent := element.getparent()) is not None:
            parent.text = f"{parent.text or ''} "


def _shape(element: etree._Element) -> tuple[str, tuple[str, ...]]:
    classes = (element.get("class") or "").split()
    return str(element.tag), tuple(sorted(name for name in classes if not DISTINGUISHING_CLASS_RE.search(name)))


def _sizes(body: etree._Element) -> dict[etree._Element, _Size]:
    """The text size of every element outside the skipped regions, in one walk."""
    sizes: dict[etree._Element, _Size] = {}
    skipped_depth = 0
    link_depth = 0
    stack: list[list[int]] = [[0, 0]]  # per open element: chars, link chars
    for event, element in etree.iterwalk(body, events=("start", "end")):
        tag = element.tag
        skipped = not isinstance(tag, str) or tag in SKIPPED_TAGS or element.get("role") in SKIPPED_ROLES
        if event == "start":
            if skipped:
                skipped_depth += 1
            link_depth += tag == "a"
            chars = len((element.text or "").strip()) if not skipped_depth else 0
            stack.append([chars, chars if link_depth else 0])
            continue
        chars, link_chars = stack.pop()
        if not skipped_depth:
            sizes[element] = _Size(chars, link_chars)
        link_depth -= tag == "a"
        if skipped:
            skipped_depth -= 1
            chars = link_chars = 0
        tail = len((element.tail or "").strip()) if not skipped_depth else 0
        stack[-1][0] += chars + tail
        stack[-1][1] += link_chars + (tail if link_depth else 0)
    return sizes
