"""Saving a link from the web UI: the library's "Add a link" form, and the confirm
page where the phone's share sheet, the bookmarklet and the iOS Shortcut land.

Nothing is saved on a GET: `/share` only fills in a form that posts, with the
session's CSRF token, to the same route as the library's form. Both call the
service that `POST /api/v1/pages` with only a `url` calls.
"""
from __future__ import annotations

import json
import re

from flask import flash, g, redirect, render_template, request, url_for
from marshmallow import ValidationError

from ..db import db_session
from ..errors import NotFound
from ..schemas import LinkFormSchema
from ..services import links as link_service
from ..services import pages as page_service
from ..states import ARTICLE
from .blueprint import bp
from .session import check_csrf, login_required

# Share sheets put the link in `url`, in `text` (Android, often after the page's title) or
# even in `title`; the first http(s) URL in them is the one shared.
SHARED_URL = re.compile(r"https?://[^\s<>\"']+", re.IGNORECASE)
TRAILING_PUNCTUATION = ".,;:!?)]}»”’"
MAX_SHARED_FIELD = 8192


def shared_link(url: str, text: str, title: str) -> str | None:
    """The link a share carries: `url` when it is one, else the first link in `text` or `title`."""
    for field in (url, text, title):
        match = SHARED_URL.search(field[:MAX_SHARED_FIELD])
        if match:
            return match.group(0).rstrip(TRAILING_PUNCTUATION)
    return None


def shared_title(text: str, title: str, link: str | None) -> str:
    """A title to show beside the link: the share's title, or its text without the link."""
    if title.strip() and not SHARED_URL.fullmatch(title.strip()):
        return title.strip()[:200]
    rest = text.replace(link, "") if link else text
    return " ".join(rest.split())[:200]


def bookmarklet(share_url: str) -> str:
    """A bookmark that opens the share page with the current tab's address and title."""
    return ("javascript:(function(){location.href=" + json.dumps(share_url + "?url=")
            + "+encodeURIComponent(location.href)+'&title='+encodeURIComponent(document.title);})();")


def _saved_page(url: str):
    try:
        return page_service.lookup_page(db_session, g.user, url)
    except NotFound:
        return None


@bp.get("/share")
@login_required
def share():
    """Asks before saving what was shared (a link opened from another site saves nothing)."""
    args = {key: request.args.get(key, "") for key in ("url", "text", "title")}
    link = shared_link(**args)
    title = shared_title(args["text"], args["title"], link)
    error = None
    if link is None and any(args.values()):
        error = "What was shared holds no http:// or https:// link. Paste the link below."
    elif link is not None and LinkFormSchema().validate({"url": link}):
        error = "The shared link is not a valid web address. Correct it below."
    saved = _saved_page(link) if link and not error else None
    return render_template("share.html", url=link or "", title=title, error=error,
                           saved=saved), 422 if error else 200


@bp.post("/links")
@login_required
def add_link():
    """Saves a link as the API does with only `url`: queued for fetching, shown at once."""
    check_csrf()
    try:
        data = LinkFormSchema().load({"url": request.form.get("url", "").strip(),
                                      "refetch": request.form.get("refetch") == "1"})
    except ValidationError as err:
        message = " ".join(err.normalized_messages().get("url", ["Enter a link to a web page."]))
        return render_template("share.html", url=request.form.get("url", ""), title="",
                               error=message, saved=None), 422
    result = link_service.save_link(db_session, g.user, data["url"], refetch=data["refetch"])
    db_session.commit()
    page = result.page
    if page.state == ARTICLE and not result.queued:
        flash(f"“{page.title or page.url}” is already in your library.")
    else:
        flash("Link saved. Gloss is fetching the article; it appears here when it is ready.")
    return redirect(url_for("web.library"))
