"""What a page's address says of it: an article's ends in its title's words or stands in a
blog's or a news section; a product's or a service's stands in the site's shop; a site's home
page and a section's index list many works.
"""
from __future__ import annotations

import re
from urllib.parse import urlsplit

# An address whose last part has this many words is an article's (its title's words).
MIN_SLUG_WORDS = 5
SLUG_SPLIT_RE = re.compile(r"[-_]+")
# Sections of a site's address that hold its writing: a page below one is a written work.
WRITING_SECTIONS = frozenset({"blog", "blogs", "news", "article", "articles", "post", "posts", "stories"})
# Sections of a site's address that hold what it sells: a page below one offers a product or a
# service, and the author its markup declares is the account that made the page, not a writer's.
OFFER_SECTIONS = frozenset({"product", "products", "service", "services", "shop", "store"})


def named_as_a_work(url: str) -> bool:
    """Whether the page's address is a written work's: a title's words, or a place in a blog."""
    return slug_words(url) >= MIN_SLUG_WORDS or in_a_blog(url)


def slug_words(url: str) -> int:
    """Words in the last part of the URL's path: an article's address ends in its title's words."""
    last = urlsplit(url).path.rstrip("/").rsplit("/", 1)[-1].rsplit(".", 1)[0]
    return len([word for word in SLUG_SPLIT_RE.split(last) if word.isalpha()])


def in_a_blog(url: str) -> bool:
    """Whether the page's address puts it in a blog or a news section, below its index."""
    segments = urlsplit(url).path.strip("/").casefold().split("/")
    return len(segments) > 1 and bool(WRITING_SECTIONS.intersection(segments[:-1]))


def in_an_offer(url: str) -> bool:
    """Whether the page's address puts it below a section of the site's products or services."""
    segments = urlsplit(url).path.strip("/").casefold().split("/")
    return bool(OFFER_SECTIONS.intersection(segments[:-1]))


def home_page(url: str) -> bool:
    """Whether the address is a site's home page: its path is empty (a query may follow)."""
    return bool(url) and not urlsplit(url).path.strip("/")


def front_page(url: str) -> bool:
    """A site's home page or the index of its blog or news section, which lists many works: a
    name found in its text (not declared as the page's author) is the author of one of them."""
    path = urlsplit(url).path.strip("/").casefold()
    return path == "" or path in WRITING_SECTIONS
