"""An article that a container named for comments holds, taken out of it before trafilatura runs.

trafilatura deletes a container whose class or id opens with "comment" (its comments
XPath) before it looks for the article; a page may set a feature for commenting on a
passage selected in the article on the article's own text, and the article would go
with it. Such a container inside the article's body (the first element trafilatura's
own article XPath names) that holds all the body's words but a few is unwrapped.

Both looks are made as trafilatura's expressions make them, at a fraction of their
cost: most pages have no container named for comments, and a quick look at the names of
their containers says so; where one is, the article is the first element in the page's
order that trafilatura's first article XPath names, found by its own conditions, each
tested in turn, where the XPath runs its regular expressions in Python for every
division of the page (a twentieth of a trafilatura call on the AEB pages).
"""
from __future__ import annotations

import re
from collections.abc import Callable

from lxml.html import HtmlElement
from trafilatura.xpaths import BODY_XPATH, REMOVE_COMMENTS_XPATH

# The most words of the article's body that a container inside it holding its text leaves out (a
# heading, a date); one that leaves out more is comments below a post.
ARTICLE_WORDS_OUTSIDE_COMMENTS = 20
# What the id or the class of every container that trafilatura's comments XPath names holds (its
# expressions name "[Cc]omment", "comol", "disqus_thread" and "dsq-comments"; a test reads them
# from it).
COMMENTS_CONTAINER_TAGS = ("div", "list", "section", "details")
COMMENTS_ID_MARKS = ("omment", "comol", "disqus_thread")
COMMENTS_CLASS_MARKS = ("omment",)

# trafilatura's first article XPath: elements of some tags, named by any of some attribute values
# or regular expressions over an attribute ("[...][1]": the first in the page's order is the first
# it names). Read from the expression itself; an expression of another shape is evaluated as it is.
ARTICLE_PATH = BODY_XPATH[0].path
ARTICLE_TAGS = tuple(re.findall(r"self::(\w+)", ARTICLE_PATH))
ARTICLE_VALUES = tuple(re.findall(r"@([\w-]+)='([^']*)'", ARTICLE_PATH))
# (as lxml's re:test runs them: re.search over the attribute, an absent one read as "")
ARTICLE_PATTERNS = tuple((name, re.compile(pattern))
                         for name, pattern in re.findall(r"re:test\(@([\w-]+), '([^']*)'\)", ARTICLE_PATH))
ARTICLE_SHAPE_RE = re.compile(r"\s*\.//\*\[(?:self::\w+(?: or )?)+\]\[(?P<names>.*)\]\[1\]\s*", re.DOTALL)
ARTICLE_CONDITION_RE = re.compile(r"re:test\(@[\w-]+, '[^']*'\)|@[\w-]+='[^']*'")
OR_RE = re.compile(r"\bor\b")


def unwrap_article_from_comments(body: HtmlElement) -> None:
    """Unwrap a container that trafilatura deletes as the comments but that holds the article's
    text (see ARTICLE_WORDS_OUTSIDE_COMMENTS). (A container around the article's body is left:
    that body is then a comment's, on a page whose article is not marked as one.)"""
    if not _may_hold_comments(body):
        return
    article = _first_article(body)
    if article is None:
        return
    article_words = 0
    for container in REMOVE_COMMENTS_XPATH[0](article):  # (its XPath looks below the element it is given)
        article_words = article_words or len(article.text_content().split())
        if len(container.text_content().split()) >= article_words - ARTICLE_WORDS_OUTSIDE_COMMENTS:
            container.drop_tag()


def _may_hold_comments(body: HtmlElement) -> bool:
    """Whether a container inside `body` has an id or a class that trafilatura's comments XPath
    may name (see COMMENTS_ID_MARKS): without one, it names none."""
    for element in body.iter(*COMMENTS_CONTAINER_TAGS):
        marked_id, marked_class = element.get("id"), element.get("class")
        if (marked_id and any(mark in marked_id for mark in COMMENTS_ID_MARKS)) or (
                marked_class and any(mark in marked_class for mark in COMMENTS_CLASS_MARKS)):
            return True
    return False


def _names_article(element: HtmlElement) -> bool:
    """Whether trafilatura's first article XPath names `element` (of one of ARTICLE_TAGS)."""
    return any(element.get(name) == value for name, value in ARTICLE_VALUES) or any(
        pattern.search(element.get(name) or "") for name, pattern in ARTICLE_PATTERNS)


def _article_by_conditions(body: HtmlElement) -> HtmlElement | None:
    return next((element for element in body.iter(*ARTICLE_TAGS) if element is not body and _names_article(element)),
                None)


def _article_by_xpath(body: HtmlElement) -> HtmlElement | None:
    return next(iter(BODY_XPATH[0](body)), None)


def _reads_as_conditions(path: str) -> bool:
    """Whether the expression is the tags and the conditions above, and nothing else."""
    shape = ARTICLE_SHAPE_RE.fullmatch(path)
    if shape is None:
        return False
    between = ARTICLE_CONDITION_RE.sub("", shape["names"])
    return not OR_RE.sub("", between).strip() and (
        len(OR_RE.findall(between)) + 1 == len(ARTICLE_VALUES) + len(ARTICLE_PATTERNS))


_first_article: Callable[[HtmlElement], HtmlElement | None] = (
    _article_by_conditions if _reads_as_conditions(ARTICLE_PATH) else _article_by_xpath)
