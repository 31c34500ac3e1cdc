"""The writer an "About the author" box introduces: the label, as a heading or a line of its
own, then the writer's name alone ("Ann Lee") or a short biography that opens with it ("Ann
Lee is a reporter who ...", "Ann Lee, CFP, writes ..."). A page that has such a box names its
writer there in full, as the writer signs (a maiden name in brackets, a middle initial), where
a byline may be shortened.
"""
from __future__ import annotations

import re
from collections.abc import Sequence

from lxml import etree

from .authors import clean_author, full_name, outside_article

# The first text a reader sees after the label, but a script's or a style's.
NEXT_TEXT = etree.XPath("following::text()[normalize-space()][not(ancestor::script or ancestor::style)][1]",
                        smart_strings=False)
# A biography's first words: the name (perhaps followed by a degree or a title between commas),
# then a verb that says who the person is or what they do.
BIOGRAPHY_RE = re.compile(r"^(?P<name>[^\W\d_][\w'’.\-]*(?:\s+(?:[^\W\d_][\w'’.\-]*|\([\w'’.\-]+\))){1,3})"
                          r"(?:,[^,]{1,40},)?\s+(?:is|was|has|writes|covers|leads|works)\b")


def introduced_author(labels: Sequence[etree._Element]) -> str | None:
    """The full name that the first "About the author" label of the page (`labels`, as page_marks
    finds them) outside menus, sidebars, footers and others' works introduces, alone or opening
    a biography."""
    label = next((label for label in labels if not outside_article(label)), None)
    following = NEXT_TEXT(label) if label is not None else None
    if not following:
        return None
    shown = " ".join(str(following[0]).split())
    biography = BIOGRAPHY_RE.match(shown)
    name = clean_author(biography.group("name") if biography else shown)
    return name if name and full_name(name) and (biography or name == shown) else None
