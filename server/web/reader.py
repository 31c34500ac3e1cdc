"""The reader view of one page, and its small forms (tags, read, delete) that also
work without JavaScript; the reader's script uses the JSON API for the rest."""
from __future__ import annotations

from flask import flash, g, redirect, render_template, request, url_for

from ..db import db_session
from ..sanitize import reader_html
from ..schemas import HighlightSchema, TagsUpdateSchema
from ..services import pages as page_service
from ..services import tags as tag_service
from ..states import ANCHORED, ORPHANED
from .blueprint import bp
from .images import image_src_for
from .session import check_csrf, login_required


@bp.get("/pages/<int:page_id>")
@login_required
def reader(page_id: int):
    page = page_service.get_page(db_session, g.user, page_id)
    highlights = HighlightSchema().dump(page.highlights, many=True)
    data = {"pageId": page.id, "progress": page.progress or 0, "read": page.read_at is not None,
            "highlights": [h for h in highlights if h["status"] == ANCHORED]}
    orphans = [h for h in page.highlights if h.status == ORPHANED]
    # As stored when the current sanitizer cleaned it, else cleaned now (see `gloss pages resanitize`).
    # Its images are shown through Gloss (signed for this page), never loaded from their sites.
    article_html = reader_html(page.html, page.sanitizer_version, page.url, image_src=image_src_for(page))
    return render_template("reader.html", page=page, article_html=article_html, data=data, orphans=orphans)


def split_tags(raw: str) -> list[str]:
    """A tag field read as the reader's script reads it (GlossUI.parseTags in
    extension/content/ui.js; schema/tag-vectors.json holds the cases both meet):
    commas separate, whitespace folds, a name repeated in another case is dropped."""
    return tag_service.clean_names([part for part in raw.split(",") if part.strip()])


@bp.post("/pages/<int:page_id>/tags")
@login_required
def set_page_tags(page_id: int):
    check_csrf()
    names = TagsUpdateSchema().load({"tags": split_tags(request.form.get("tags", ""))})["tags"]
    page_service.set_page_tags(db_session, g.user, page_id, names)
    db_session.commit()
    return redirect(url_for("web.reader", page_id=page_id))


@bp.post("/pages/<int:page_id>/read")
@login_required
def mark_read(page_id: int):
    check_csrf()
    page_service.mark_page(db_session, g.user, page_id, read=request.form.get("read") == "true")
    db_session.commit()
    return redirect(url_for("web.reader", page_id=page_id))


@bp.post("/pages/<int:page_id>/star")
@login_required
def star_page(page_id: int):
    """Stars (a favourite) or unstars; back to the library when asked from it."""
    check_csrf()
    page_service.mark_page(db_session, g.user, page_id, starred=request.form.get("starred") == "true")
    db_session.commit()
    if request.form.get("from") == "library":
        return redirect(url_for("web.library") + f"#page-{page_id}")
    return redirect(url_for("web.reader", page_id=page_id))


@bp.post("/pages/<int:page_id>/delete")
@login_required
def delete_page(page_id: int):
    check_csrf()
    page_service.delete_page(db_session, g.user, page_id)
    db_session.commit()
    flash("The page and its highlights were deleted.")
    return redirect(url_for("web.library"))
