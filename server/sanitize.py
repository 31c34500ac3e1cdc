"""The reader-HTML allow-list: what an extracted article may contain when it
is shown back to the user.

Structure and formatting survive; anything that can run code or restyle the
reader (scripts, event handlers, iframes, svg, forms, inline styles, classes)
is dropped. Link and image URLs are made absolute against the page URL and
limited to safe schemes.
"""
from __future__ import annotations

from collections.abc import Callable
from functools import partial
from urllib.parse import urljoin, urlsplit

import nh3

# Stored with every page's reader HTML. Raise it whenever the allow-list below changes:
# pages cleaned by an older version are cleaned again (`gloss pages resanitize`, run on
# every `gloss migrate` and `gloss serve`), and shown cleaned on the fly until then.
SANITIZER_VERSION = 1

READER_TAGS = frozenset({
    "a", "abbr", "b", "blockquote", "br", "caption", "cite", "code", "dd", "del", "dfn", "div",
    "dl", "dt", "em", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i",
    "img", "ins", "kbd", "li", "mark", "ol", "p", "pre", "q", "s", "samp", "small", "span",
    "strong", "sub", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "time", "tr", "u",
    "ul", "var",
})
READER_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "title", "width", "height"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan", "scope"},
    "ol": {"start", "reversed"},
    "li": {"value"},
    "abbr": {"title"},
    "time": {"datetime"},
    "blockquote": {"cite"},
    "q": {"cite"},
}
# Removed together with their content, not just unwrapped.
DROPPED_WITH_CONTENT = frozenset({"script", "style", "template", "noscript", "iframe", "object", "embed",
                                  "svg", "math", "form", "button", "select", "textarea", "title"})
LINK_SCHEMES = frozenset({"http", "https", "mailto"})
WEB_SCHEMES = frozenset({"http", "https"})
LINK_REL = "noopener noreferrer nofollow"
URL_ATTRIBUTES = frozenset({"href", "src", "cite"})


def absolute_url(value: str, base_url: str, schemes: frozenset[str] = LINK_SCHEMES) -> str | None:
    """`value` resolved against `base_url`, or None when it is not a URL with one of `schemes`."""
    try:
        resolved = urljoin(base_url, value.strip())
        scheme = urlsplit(resolved).scheme.lower()
    except ValueError:
        return None
    return resolved if scheme in schemes else None


def link_resolver(base_url: str) -> Callable[[str], str | None]:
    """`absolute_url(value, base_url)` (LINK_SCHEMES) for the many links of one page. A value
    that names no scheme (holds no ":") takes the base's from urljoin, which puts it first in
    what it answers: where the base is a web address with a host, that scheme is known and the
    answer need not be parsed again for it (about a third of the time of each link). Other
    values, and other bases, go through absolute_url."""
    try:
        base = urlsplit(base_url)
    except ValueError:
        base = None
    if base is None or base.scheme not in WEB_SCHEMES or not base.netloc:
        return partial(absolute_url, base_url=base_url)

    def resolve(value: str) -> str | None:
        value = value.strip()
        if not value or ":" in value:
            return absolute_url(value, base_url)
        try:
            return urljoin(base_url, value)
        except ValueError:
            return None

    return resolve


def sanitize_reader_html(html: str, base_url: str, image_src: Callable[[str], str] | None = None) -> str:
    """Reduce `html` to the reader allow-list, with absolute http(s)/mailto URLs.
    `image_src`, when given, maps each image's absolute URL to the one to show instead."""

    def rewrite(tag: str, attribute: str, value: str) -> str | None:
        # nh3 checks URL schemes before this filter runs, so resolving here must check them again
        if attribute in URL_ATTRIBUTES:
            url = absolute_url(value, base_url, WEB_SCHEMES if tag == "img" else LINK_SCHEMES)
            if url is not None and tag == "img" and attribute == "src" and image_src is not None:
                return image_src(url)
            return url
        return value

    return nh3.clean(
        html,
        tags=set(READER_TAGS),
        clean_content_tags=set(DROPPED_WITH_CONTENT),
        attributes={tag: set(names) for tag, names in READER_ATTRIBUTES.items()},
        attribute_filter=rewrite,
        url_schemes=set(LINK_SCHEMES),
        link_rel=LINK_REL,
        strip_comments=True,
    )


def reader_html(html: str, version: int, base_url: str, image_src: Callable[[str], str] | None = None) -> str:
    """Stored reader HTML as it may be shown: as stored when the current sanitizer
    cleaned it, else cleaned now; with its images' URLs mapped by `image_src` (the
    reader shows them through Gloss; what is stored keeps the original URLs)."""
    if version == SANITIZER_VERSION and image_src is None:
        return html
    return sanitize_reader_html(html, base_url, image_src)
