"""What the document head says, read without a second parse: the declared
language and the rel=canonical href.

The head is read with regular expressions: trafilatura parses the page itself,
and a second parse only for <html lang> and <link rel=canonical> would cost more.
"""
from __future__ import annotations

import html as html_lib
import re
from dataclasses import dataclass

@dataclass(frozen=True)
class HeadInfo:
    language: str | None
    canonical: str | None


HEAD_END_RE = re.compile(r"</head\s*>|<body[\s>]", re.IGNORECASE)
HEAD_SCAN_LIMIT = 512 * 1024
HEAD_TAG_RE = re.compile(r"<(html|link|meta)\b([^>]{0,4000})>", re.IGNORECASE)  # bounded: no rescans
ATTRIBUTE_RE = re.compile(r"""([^\s=/>"']+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>"']+)))?""")
META_LANGUAGE_HINT_RE = re.compile(r"language|og:locale", re.IGNORECASE)
LANGUAGE_TAG_RE = re.compile(r"^([a-zA-Z]{2,3})(?:[-_][a-zA-Z0-9]{1,8})*$")


def scan_head(html: str) -> HeadInfo:
    """The declared language and the rel=canonical href of a page, from its head."""
    end = HEAD_END_RE.search(html, 0, HEAD_SCAN_LIMIT)
    head = html[:end.start() if end else HEAD_SCAN_LIMIT]
    language = canonical = None
    meta_language = None
    for match in HEAD_TAG_RE.finditer(head):
        tag = match.group(1).lower()
        source = match.group(2)
        # Heads hold dozens of link and meta tags: only those that can matter are parsed.
        if tag == "html" and language is None:
            attributes = _attributes(source)
            language = _language_code(attributes.get("lang") or attributes.get("xml:lang"))
        elif tag == "link" and canonical is None and "canonical" in source.lower():
            attributes = _attributes(source)
            if "canonical" in attributes.get("rel", "").lower().split():
                canonical = (attributes.get("href") or "").strip() or None
        elif tag == "meta" and meta_language is None and META_LANGUAGE_HINT_RE.search(source):
            attributes = _attributes(source)
            name = (attributes.get("http-equiv") or attributes.get("property") or attributes.get("name") or "").lower()
            if name in ("content-language", "og:locale", "language"):
                meta_language = _language_code(attributes.get("content"))
    return HeadInfo(language or meta_language, canonical)


def _attributes(source: str) -> dict[str, str]:
    attributes: dict[str, str] = {}
    for name, double, single, bare in ATTRIBUTE_RE.findall(source):
        attributes.setdefault(name.lower(), html_lib.unescape(double or single or bare))
    return attributes


def _language_code(value: str | None) -> str | None:
    match = LANGUAGE_TAG_RE.match((value or "").strip().split(",")[0].strip())
    return match.group(1).lower() if match else None


