"""trafilatura's link-density test, made to judge a block holding an image by its words.

trafilatura drops blocks whose text is mostly links (menus, lists of other
articles), but it never tests a block that holds an image: it keeps image
containers whole so that images survive. With images asked for, as Gloss
asks, every teaser card (a thumbnail beside a linked headline) is then kept
around the article, and the cards count as text when trafilatura chooses
between its own extraction and its fallbacks. Here a block with an image
(a division or a list, not a paragraph) takes the same test as any other
block, unless its words are none of them links (an image alone, an image
with its caption).

The test is swapped in trafilatura's module once, when Gloss's extraction is
imported; the tree is left as it was found.
"""
from __future__ import annotations

from collections.abc import Callable

import trafilatura.htmlprocessing as htmlprocessing
from lxml import etree

IMAGE_TAG = "graphic"  # what trafilatura calls an <img> once it has converted the tree
HIDDEN_IMAGE_TAG = "gloss-hidden-graphic"
# Blocks that teasers are made of; a paragraph with an image in it is running text.
CARD_TAGS = frozenset({"div", "list", "item", "section", "article"})

LinkDensityTest = Callable[..., tuple[bool, bool]]


def _judged_by_words(test: LinkDensityTest) -> LinkDensityTest:
    def link_density_test(element: etree._Element, favor_precision: bool = False) -> tuple[bool, bool]:
        images = [] if element.tag not in CARD_TAGS else list(element.iter(IMAGE_TAG))
        if not images or not any("".join(ref.itertext()).strip() for ref in element.iter("ref")):
            return test(element, favor_precision)  # trafilatura keeps image containers
        for image in images:
            image.tag = HIDDEN_IMAGE_TAG
        try:
            return test(element, favor_precision)
        finally:
            for image in images:
                image.tag = IMAGE_TAG

    link_density_test.wrapped = test  # type: ignore[attr-defined]
    return link_density_test


def install() -> None:
    """Swap the test in (once)."""
    current = htmlprocessing.link_density_test
    if not hasattr(current, "wrapped"):
        htmlprocessing.link_density_test = _judged_by_words(current)
