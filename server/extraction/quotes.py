"""A reply's quotes of the posts above it, taken out of a thread's body.

A reply quotes the post it answers ("Jo said: ..." and the passage), and forum software
shows the passage again in full. Where the quoted post is on the page, the passage is said
twice: once where it was written, once in the reply, and the reader reads it where it was
written. A passage of a quote that the thread says before the quote goes; the line naming
who is quoted stays (it tells what the reply answers), and so does a quote of a post not
on the page (an earlier page of the thread, an article): it is said nowhere else.
A post shown again outside any quote (the preview of the post a reply answers) is said
twice in the same way, and is read where it was written.
"""
from __future__ import annotations

import re

from lxml import etree

from .edges import comparable, remove_keeping_tail

QUOTE = "quote"
# The blocks of trafilatura's body that hold a passage; a quote's are compared one by one, as a
# reply may quote some paragraphs of a post and leave out others.
PASSAGES = ("p", "head", "item", "code", "cell")
_WORD = re.compile(r"\w")
# A passage this long said twice in a thread is one post shown again; a shorter one ("Thanks!",
# "Same here.") may well be said by two posters.
REPEATED_PASSAGE_CHARS = 80


def drop_repeated_quotes(body: etree._Element) -> None:
    """Remove from the thread `body` each passage of a quote that the body says before that quote
    (see the module's docstring), and each quote left without text."""
    said: list[str] = []
    for element in list(body.iter(*PASSAGES, QUOTE)):
        if element.getparent() is None or _inside_quote(element.getparent()) or (
                element.tag != QUOTE and _holds_passages(element)):
            continue  # (a quote's own passages are weighed with it; a passage's are its text)
        if element.tag != QUOTE:
            said.append(comparable("".join(element.itertext())))
            continue
        before = " \n ".join(said)
        passages = [element] if not _holds_passages(element) else [
            passage for passage in element.iter(*PASSAGES) if not _holds_passages(passage)]
        texts = [comparable("".join(passage.itertext())) for passage in passages]
        for passage, text in zip(passages, texts, strict=True):
            if text and _says(before, text):
                remove_keeping_tail(passage)
        for emptied in reversed(list(element.iter(QUOTE))):  # (the inner quotes first)
            if emptied.getparent() is not None and not "".join(emptied.itertext()).strip():
                remove_keeping_tail(emptied)
        said.extend(texts)


def drop_repeated_passages(body: etree._Element) -> None:
    """Remove from the thread `body` each passage outside quotes that an earlier passage says word
    for word, when it is long enough to be a post's own (REPEATED_PASSAGE_CHARS): forum software
    shows under a reply the post it answers (a preview of the parent, cut short by a style sheet
    but whole in the page), and a post is written once."""
    said: set[str] = set()
    for passage in list(body.iter(*PASSAGES)):
        if passage.getparent() is None or _holds_passages(passage) or _inside_quote(passage.getparent()):
            continue
        text = comparable("".join(passage.itertext()))
        if len(text) < REPEATED_PASSAGE_CHARS:
            continue
        if text in said:
            remove_keeping_tail(passage)
        said.add(text)


def _says(before: str, text: str) -> bool:
    """Whether `before` says `text` as words of its own, not inside longer words (a quoted "ok"
    is not said by "took")."""
    opening = r"(?<!\w)" if _WORD.match(text[0]) else ""
    closing = r"(?!\w)" if _WORD.match(text[-1]) else ""
    return re.search(opening + re.escape(text) + closing, before) is not None


def _holds_passages(element: etree._Element) -> bool:
    return next(element.iterdescendants(*PASSAGES, QUOTE), None) is not None


def _inside_quote(element: etree._Element | None) -> bool:
    while element is not None:
        if element.tag == QUOTE:
            return True
        element = element.getparent()
    return False
