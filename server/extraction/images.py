"""The lead image of an article: a picture of the article, not the site's.

Pages declare an image for link previews (JSON-LD image, og:image, twitter:image), and many
sites give every page the same one: their logo, an icon, a generic "share" card. Such an
image says nothing of the article, so the declared images are taken only when their file
names say something of their own; else the article's first picture, under the same test.
The file name is all there is to go by: the image is not fetched when a page is saved.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from posixpath import splitext
from urllib.parse import unquote, urlsplit

from server.sanitize import WEB_SCHEMES, absolute_url

# Formats of logos and icons, rarely of photographs.
ICON_EXTENSIONS = frozenset({".svg", ".ico"})
# A word of these in a file name that says little else makes it the site's mark or a stand-in.
SITE_MARK_WORDS = frozenset({
    "logo", "logos", "icon", "icons", "favicon", "sprite", "sprites", "avatar", "avatars", "gravatar", "placeholder",
    "fallback", "spacer", "blank", "pixel", "badge", "emblem", "wordmark", "default", "noimage"})
MAX_OWN_WORDS_BESIDE_MARK = 3
# Words of a file name made for every page's preview card: a name of only these (and the
# site's name, numbers, hashes and the words below) is the site's card.
CARD_WORDS = frozenset({
    "share", "sharing", "social", "og", "ogimage", "opengraph", "open", "graph", "card", "preview", "fb", "facebook",
    "twitter", "thumb", "thumbnail", "site", "seo", "banner", "header", "meta", "home", "homepage", "brand",
    "generic"})
# Words any file name may have, that say nothing of what it shows.
NEUTRAL_WORDS = frozenset({
    "image", "images", "img", "photo", "pic", "picture", "wide", "square", "large", "small", "white", "dark",
    "light", "color", "colour", "final", "copy", "scaled", "cropped", "edited", "min", "new", "web", "full"})
FILE_TOKEN_RE = re.compile(r"[a-z0-9]+")
LETTERS_RE = re.compile(r"[a-z]+")
HASH_RE = re.compile(r"^[0-9a-f]{8,}$")  # a content hash in a file name ("logo.d0dedfbe1787.png")
# "32x32": the size of an icon written into its name ("16x9" is a shape, not a size)
SIZE_RE = re.compile(r"(?<![a-z0-9])(\d{1,4})x(\d{1,4})(?![0-9])")
MIN_PICTURE_PIXELS = 200
MIN_ICON_PIXELS = 24
MIN_OWN_WORD_LETTERS = 3


def lead_image(candidates: Iterable[str | None], url: str, site_name: str | None = None) -> str | None:
    """The first of the candidate image addresses (declared ones first, then the article's own
    pictures) that is a picture of the article, made absolute; None when none is."""
    site_words = _site_words(url, site_name)
    for candidate in candidates:
        src = absolute_url(candidate, url, WEB_SCHEMES) if candidate else None
        if src and not is_site_image(src, site_words):
            return src
    return None


def is_site_image(src: str, site_words: frozenset[str] = frozenset()) -> bool:
    """Whether an image address names the site's logo, an icon, a stand-in or the site's
    preview card rather than a picture of one article."""
    path = unquote(urlsplit(src).path).casefold()
    name, extension = splitext(path.rsplit("/", 1)[-1])
    if extension in ICON_EXTENSIONS:
        return True
    if any(max(int(width), int(height)) >= MIN_ICON_PIXELS and int(width) < MIN_PICTURE_PIXELS
           and int(height) < MIN_PICTURE_PIXELS for width, height in SIZE_RE.findall(name)):
        return True
    tokens = FILE_TOKEN_RE.findall(name)
    words = {token for token in tokens if token.isalpha()}
    own = [token for token in tokens if _own(token, site_words)]
    if SITE_MARK_WORDS & words:
        return len(own) <= MAX_OWN_WORDS_BESIDE_MARK
    return bool(CARD_WORDS & words) and not own


def _own(token: str, site_words: frozenset[str]) -> bool:
    """Whether a piece of a file name says what this one picture shows: a word of its own (not
    the site's name), or a name mixing letters and digits ("IMG_4287" aside, "banner3")."""
    if token.isdigit() or HASH_RE.match(token) or SIZE_RE.fullmatch(token):
        return False
    if not token.isalpha():
        return True
    return (len(token) >= MIN_OWN_WORD_LETTERS and token not in CARD_WORDS | SITE_MARK_WORDS | NEUTRAL_WORDS
            and not any(token in site_word for site_word in site_words))


def _site_words(url: str, site_name: str | None) -> frozenset[str]:
    """The site's name as letters: its host's labels and its declared name's words."""
    host = urlsplit(url).hostname or ""
    name = (site_name or "").casefold()
    words = {"".join(LETTERS_RE.findall(label)) for label in host.split(".")}
    words |= {*LETTERS_RE.findall(name), "".join(LETTERS_RE.findall(name))}
    return frozenset(word for word in words if len(word) >= MIN_OWN_WORD_LETTERS)
