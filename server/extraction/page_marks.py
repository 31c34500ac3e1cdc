"""The elements of a page that declare something about it (its meta tags, microdata,
<time> and <h1> elements, its JSON-LD, the candidates for its byline and for a thread's first
poster), gathered in one walk of the parsed tree for metadata.declared.

Each of these was once looked for in a walk or an XPath search of its own; a
search for an attribute costs about as much as a walk of the whole tree in
Python, so one walk that notes every kind of element at once costs less than
the eight searches. The few elements it notes are then sorted by where they
stand (the head, a <body>) with the same meaning as the searches had: elements
below the tree's root, "in a body" meaning below a <body> that is itself below
the root.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from lxml import etree
from lxml.html import HtmlElement

# A byline's label and the name after it: "By Ann Lee", "Written by: Ann Lee", "ByAnn Lee" (run on),
# "This post was written by Ann Lee" (a sentence that opens or closes the article), "Article written
# by:" (a heading over the writer's card).
BYLINE_RE = re.compile(
    r"^(?i:(?:(?:this \w+ was |(?:article|post|story) )?(?:written|posted|article|text|words|story) )?by|author)"
    r"(?:\s*:\s*|\s+|(?=[A-Z])|$)(.*)$", re.DOTALL)
# The label of a box that introduces the writer, all of its element's text: "About the author",
# "About the Writer:".
ABOUT_LABEL_RE = re.compile(r"^about (?:the )?(?:author|writer)s?\s*:?$", re.IGNORECASE)
# How forum software marks a post's user: an author attribute on the post, a user-name class
# (in any case), a link to the member's profile (aggregators' and link sites' "/u/name",
# "/user/name" and "/~name" too).
MEMBER_HREF_RE = re.compile(r"member\.php|viewprofile|/user-|/members/|/users/|/u/[^/?#]|/user/[^/?#]|/~[^/?#]")
USER_CLASS_MARKS = ("username", "postuser")
# The attributes that make an element worth a second look; most elements have none of them.
# (A class is one only on a page where some class names a user; a link's address is looked at
# for every link.)
NOTED_ATTRIBUTES = frozenset({"rel", "itemprop", "itemtype", "author", "data-author"})
CLASSES = etree.XPath("//@class", smart_strings=False)
NOTED_TAGS = frozenset({"meta", "time", "h1", "script"})
# Elements whose text is code no reader sees (a script's, a style sheet's): never a byline or a
# label, and not read (a page's scripts are often most of its bytes, each read as a string).
CODE_TAGS = frozenset({"script", "style"})
JSON_LD_TYPE = "application/ld+json"


@dataclass
class PageMarks:
    """The page's elements of each kind, in the page's order."""
    metas: list[HtmlElement] = field(default_factory=list)  # <meta> of a <head>
    itemprops: list[HtmlElement] = field(default_factory=list)  # with an itemprop, anywhere
    body_itemprops: list[HtmlElement] = field(default_factory=list)  # those in a body
    item_types: list[str] = field(default_factory=list)  # the itemtype of each element that has one
    times: list[HtmlElement] = field(default_factory=list)  # <time datetime> in a body
    headings: list[HtmlElement] = field(default_factory=list)  # <h1> in a body
    # in the first body (or the body itself): a rel=author element, or one whose text starts
    # with a byline label
    byline_candidates: list[HtmlElement] = field(default_factory=list)
    poster_marks: list[HtmlElement] = field(default_factory=list)  # marks of a post's user, in a body
    about_labels: list[HtmlElement] = field(default_factory=list)  # "About the author" alone, in a body
    json_ld: list[HtmlElement] = field(default_factory=list)  # <script type="application/ld+json">, anywhere
    programs: list[HtmlElement] = field(default_factory=list)  # the other <script> elements, anywhere


def is_user_mark(element: etree._Element) -> bool:
    """Whether the element marks a post's user: an author attribute, a user-name class, a link
    to a member's profile."""
    marks = (element.get("class") or "").lower()
    return (element.get("author") is not None or element.get("data-author") is not None
            or any(mark in marks for mark in USER_CLASS_MARKS)
            or (element.tag == "a" and MEMBER_HREF_RE.search(element.get("href") or "") is not None))


def is_author_link(element: etree._Element) -> bool:
    return "author" in (element.get("rel") or "").lower().split()


def page_marks(tree: HtmlElement) -> PageMarks:
    """The page's marks (see PageMarks), from one walk of `tree`."""
    metas, itemprops, item_types, times, headings, bylines, posters = [], [], [], [], [], [], []
    # (the root too, as extruct's search for JSON-LD finds it)
    scripts = [tree] if tree.tag == "script" and tree.get("type") == JSON_LD_TYPE else []
    about_labels: list[HtmlElement] = []
    programs: list[HtmlElement] = []
    # Most pages have no user-name class: their elements' classes need not be read one by one.
    classes = "\0".join(CLASSES(tree)).lower()
    noted_attributes = NOTED_ATTRIBUTES | {"class"} if any(mark in classes for mark in USER_CLASS_MARKS) \
        else NOTED_ATTRIBUTES
    for element in tree.iterdescendants():
        tag = element.tag
        if not isinstance(tag, str):  # comments, processing instructions, entities
            continue
        text = element.text if tag not in CODE_TAGS else None
        names = element.keys()
        noted = bool(names) and not noted_attributes.isdisjoint(names)
        if (text and BYLINE_RE.match(text.strip())) or (noted and is_author_link(element)):
            bylines.append(element)
        elif text and ABOUT_LABEL_RE.match(text.strip()) and not len(element):
            about_labels.append(element)
        if noted:
            if element.get("itemprop") is not None:
                itemprops.append(element)
            if element.get("itemtype") is not None:
                item_types.append(element.get("itemtype") or "")
            if is_user_mark(element):
                posters.append(element)
        elif tag == "a" and MEMBER_HREF_RE.search(element.get("href") or ""):
            posters.append(element)
        if tag in NOTED_TAGS:
            if tag == "meta":
                parent = element.getparent()
                if parent is not None and parent.tag == "head":
                    metas.append(element)
            elif tag == "h1":
                headings.append(element)
            elif tag == "script":
                (scripts if element.get("type") == JSON_LD_TYPE else programs).append(element)
            elif element.get("datetime") is not None:
                times.append(element)
    first_body = tree.find(".//body")
    root_in_body = next(tree.iterancestors("body"), None) is not None
    return PageMarks(
        metas=metas,
        itemprops=itemprops,
        body_itemprops=[element for element in itemprops if _in_body(element, tree)],
        item_types=item_types,
        times=[element for element in times if _in_body(element, tree)],
        headings=[element for element in headings if _in_body(element, tree)],
        byline_candidates=[] if first_body is None else [
            element for element in bylines if element is first_body or _inside(element, first_body)],
        # (a body inside a body is walked with the outer one)
        poster_marks=[] if root_in_body else [element for element in posters if _in_body(element, tree)],
        about_labels=[element for element in about_labels if _in_body(element, tree)],
        json_ld=scripts,
        programs=programs,
    )


def _in_body(element: etree._Element, root: etree._Element) -> bool:
    """Whether a <body> below `root` holds the element."""
    for ancestor in element.iterancestors():
        if ancestor is root:
            return False
        if ancestor.tag == "body":
            return True
    return False


def _inside(element: etree._Element, container: etree._Element) -> bool:
    return any(ancestor is container for ancestor in element.iterancestors())
