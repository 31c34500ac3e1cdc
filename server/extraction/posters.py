"""The users of a thread's posts, as forum software marks them up: an author attribute, a
user-name class, a link to a member's profile. The first post's user started the thread;
the names of all of them tell a post's furniture from its words.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from lxml import etree

from .authors import clean_author, outside_article, text_of
from .page_marks import PageMarks, is_user_mark

# A link to one member's profile: by the member's number or name.
PROFILE_LINK_RE = re.compile(
    r"(?:member\.php\?(?:.*&)?u=\w|viewprofile.*&u=\w|/user-\d|/members/[^/?#]+|/users/\d|/u/[^/?#]+|/user/[^/?#]+"
    r"|/~[^/?#]+)")
# A user name is short: a longer text is a profile box (name, rank, post count).
MAX_POSTER_CHARS = 40
MAX_POSTER_WORDS = 3
# What a post's signature says its user did, before the name ("asked Feb 4", "Last edited by"): a user
# named after "edited" edited the post; the one who wrote it is named in a signature of their own.
POST_ACTION_RE = re.compile(r"\b(?:asked|answered|posted|replied|wrote|started|created|(edited|modified))\b",
                            re.IGNORECASE)
# A signature is a few words (the action and its date, the name, a rank, badges), not a post.
MAX_SIGNATURE_CHARS = 300


def first_poster(marks: PageMarks) -> str | None:
    """The user who started a thread: the first poster's name the page marks up as such (an
    author attribute, a user-name class, a link to a member's profile), outside menus,
    sidebars and footers, and not in a signature that marks an edit of the post."""
    return next((name for element, name in _posters(marks.poster_marks) if not _editor(element, _user_of(element))),
                None)


def poster_names(tree: etree._Element) -> set[str]:
    """The names of all the thread's posters, casefolded, as first_poster finds the first: each
    as cleaned and as the page shows it ("Jo Bloggs", and "Jo_Bloggs" or "@jo")."""
    names: set[str] = set()
    for element, name in _posters(_poster_marks(tree)):
        names.add(name.casefold())
        if len(shown := text_of(element)) <= MAX_POSTER_CHARS:
            names.add(shown.casefold())
    return names


def marks_a_poster(root: etree._Element) -> bool:
    """Whether `root` (a post) holds an element marking its user, as poster_names reads them."""
    return next(_users_within(root), None) is not None


def _posters(marks: Iterable[etree._Element]) -> Iterator[tuple[etree._Element, str]]:
    """The elements marking up a poster (`marks`, in page order), with the poster's name."""
    for element in marks:
        value = _user_of(element)
        if element.tag == "a" and not PROFILE_LINK_RE.search(element.get("href") or "") \
                and "user" not in (element.get("class") or "").lower():
            continue  # a link to the members' list, to log in or to sign up
        if len(value) > MAX_POSTER_CHARS or outside_article(element):
            continue
        if (name := clean_author(value)) and len(name.split()) <= MAX_POSTER_WORDS:
            yield element, name


def _poster_marks(tree: etree._Element) -> Iterator[etree._Element]:
    """The elements of the page's body that mark a post's user, in the page's order."""
    for body in tree.iterfind(".//body"):
        if next(body.iterancestors("body"), None) is None:  # (a body inside it is walked with it)
            yield from _users_within(body)


def _users_within(root: etree._Element) -> Iterator[etree._Element]:
    """The elements inside `root` that mark a post's user. (Tested in Python: the same test in
    XPath lower-cases the class of every element with translate(), several times slower.)"""
    for element in root.iterdescendants(etree.Element):
        if is_user_mark(element):
            yield element


def _user_of(element: etree._Element) -> str:
    return element.get("author") or element.get("data-author") or text_of(element)


def _editor(element: etree._Element, user: str) -> bool:
    """Whether the user is named as the post's editor: the last action the signature around the
    name (its parents up to the first that names another user too) writes before the name is
    an edit ("edited Jul 5, 2020 Cleb", not "edited Jul 5 ... asked Feb 4 Vader")."""
    for parent in element.iterancestors():
        if any(_user_of(other) not in ("", user) for other in _users_within(parent)):
            return False
        text = text_of(parent)
        if len(text) > MAX_SIGNATURE_CHARS:
            return False
        if actions := list(POST_ACTION_RE.finditer(text[:max(0, text.find(user))])):
            return bool(actions[-1].group(1))
    return False
