"""Export (streamed download of everything a user has) and import of export files."""
from __future__ import annotations

import tempfile

from flask import Response, current_app, g, request, stream_with_context

from ..db import db_session
from ..errors import BadRequest, TooLarge, UnsupportedMediaType
from ..services import export as export_service
from ..services import importers
from .blueprint import bp
from .auth import login_required
from .jobs import accepted

CHUNK = 256 * 1024


@bp.get("/export")
@login_required
def export():
    """`format` = markdown (zip), json (lossless), csv (one row per highlight) or w3c."""
    fmt = request.args.get("format", "json")
    if fmt not in export_service.FORMATS:
        raise BadRequest("format must be one of: " + ", ".join(export_service.FORMATS))
    body = export_service.export(db_session, g.user, fmt, base_url=request.url_root.rstrip("/"))
    name = export_service.filename(g.user, fmt)
    return Response(stream_with_context(body), content_type=export_service.FORMATS[fmt].mimetype,
                    headers={"Content-Disposition": f'attachment; filename="{name}"',
                             "Cache-Control": "no-store"})


def _discard_body(cap: int = 64 * 1024 * 1024) -> None:
    # Read what the client sends (up to a cap) so it sees the 413 rather than a reset.
    read = 0
    while read < cap and (chunk := request.stream.read(CHUNK)):
        read += len(chunk)


def _spool_body() -> tempfile.SpooledTemporaryFile:
    """The request body in a temporary file (in memory while small), within the import limit."""
    if (request.headers.get("Content-Encoding") or "identity").lower() != "identity":
        _discard_body()
        raise UnsupportedMediaType("Send the export file as it is, without Content-Encoding.")
    limit: int = current_app.config["MAX_IMPORT_BYTES"]
    if request.content_length is not None and request.content_length > limit:
        _discard_body()
        raise TooLarge(f"Import files are limited to {limit // (1024 * 1024)} MiB.")
    spool = tempfile.SpooledTemporaryFile(max_size=8 * 1024 * 1024)  # noqa: SIM115 (handed to the job)
    size = 0
    while chunk := request.stream.read(CHUNK):
        size += len(chunk)
        if size > limit:
            spool.close()
            _discard_body()
            raise TooLarge(f"Import files are limited to {limit // (1024 * 1024)} MiB.")
        spool.write(chunk)
    if size == 0:
        spool.close()
        raise BadRequest("Send the export file as the request body.")
    spool.seek(0)
    return spool


@bp.post("/import")
@login_required
def import_export_file():
    """Imports a Gloss JSON export, or an Omnivore, Hypothesis or Pocket export (the file
    as the body; `format` optional, detected from the content). The file is read now (a
    bad file is a 4xx and imports nothing); its items are imported in the background:
    202 with the job, whose result is the import report."""
    fmt = request.args.get("format") or None
    if fmt is not None and fmt not in importers.FORMATS:
        raise BadRequest("format must be one of: " + ", ".join(importers.FORMATS))
    with _spool_body() as body:
        # On an error nothing is committed: the request's session is rolled back at teardown.
        job = importers.start_import(db_session, g.user, body, fmt=fmt,
                                     max_page_bytes=current_app.config["MAX_PAGE_BYTES"])
    db_session.commit()
    return accepted(job)
