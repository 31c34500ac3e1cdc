"""Article images for the reader view, through Gloss: the reader's `<img>` URLs point
here, signed for the reader's own page (server/services/images.py)."""
from __future__ import annotations

from contextlib import nullcontext
from collections.abc import Callable

from flask import Response, current_app, g, request, url_for

from ..admission import OUTSIDE_GATE
from ..db import db_session
from ..services import fetch
from ..services import images as image_service
from .blueprint import bp
from .session import login_required


def image_src_for(page) -> Callable[[str], str]:
    """Maps an image URL of `page`'s article to its signed Gloss URL, for the signed-in user."""
    secret, user_id = current_app.config["SECRET_KEY"], g.user.id

    def src(url: str) -> str:
        return url_for("web.reader_image", page_id=page.id, src=url,
                       sig=image_service.signature(secret, user_id, page.id, url))

    return src


@bp.get("/pages/<int:page_id>/image")
@login_required
def reader_image(page_id: int):
    url = request.args.get("src", "")
    image_service.check_access(db_session, current_app.config["SECRET_KEY"], g.user.id, page_id, url,
                               request.args.get("sig", ""))
    image = image_service.get_image(db_session, url, fetch.settings_from_config(current_app.config),
                                    max_bytes=current_app.config["MAX_IMAGE_BYTES"],
                                    max_cache_bytes=current_app.config["IMAGE_CACHE_BYTES"],
                                    while_waiting=request.environ.get(OUTSIDE_GATE, nullcontext))
    # The URL is signed for this user and page and its image never changes.
    return Response(image.body, mimetype=image.content_type,
                    headers={"Cache-Control": "private, max-age=31536000, immutable"})
