"""Template filters: dates, sites, safe links and search snippets with marked words."""
from __future__ import annotations

from datetime import date, datetime, timezone
from urllib.parse import urlsplit

from markupsafe import Markup, escape

from .blueprint import bp


@bp.app_template_filter("marked")
def marked(snippet: str | None, matches) -> Markup:
    """The snippet escaped, with each [start, end) range of `matches` wrapped in <mark>.

    Ranges come from the search index: out-of-bounds or overlapping ones are
    clipped rather than trusted."""
    text = snippet or ""
    out, pos = [], 0
    for start, end in sorted((int(s), int(e)) for s, e in (matches or [])):
        start, end = max(start, pos), min(end, len(text))
        if start >= end:
            continue
        out.append(escape(text[pos:start]))
        out.append(Markup("<mark>%s</mark>") % text[start:end])
        pos = end
    out.append(escape(text[pos:]))
    return Markup("").join(out)


@bp.app_template_filter("day")
def day(value: datetime | date | str | None) -> str:
    """A date people read at a glance: "3 Mar 2025"."""
    if value is None or value == "":
        return ""
    if isinstance(value, str):
        text = value
        try:
            value = datetime.fromisoformat(text.replace("Z", "+00:00"))
        except ValueError:
            return text
    return f"{value.day} {value:%b %Y}"


@bp.app_template_filter("iso")
def iso(value: datetime | None) -> str:
    if value is None:
        return ""
    if value.tzinfo is None:
        value = value.replace(tzinfo=timezone.utc)
    return value.isoformat()


@bp.app_template_filter("host")
def host(url: str | None) -> str:
    name = urlsplit(url or "").hostname or ""
    return name[4:] if name.startswith("www.") else name


@bp.app_template_filter("site")
def site(page) -> str:
    return page.site_name or host(page.url)


@bp.app_template_filter("safe_href")
def safe_href(url: str | None) -> str:
    """Only http(s) links reach an href; anything else (javascript:, data:) becomes inert."""
    url = (url or "").strip()
    parts = urlsplit(url)
    return url if parts.scheme.lower() in ("http", "https") and parts.netloc else "#"
