"""The Extension & export page: API tokens (for the browser extension and scripts), API
clients of Wallabag-compatible apps, the bookmarklet and phone set-up, and the export
of everything."""
from __future__ import annotations

from flask import flash, g, redirect, render_template, request, url_for

from ..db import db_session
from ..services import auth as auth_service
from ..services import clients as client_service
from .blueprint import bp
from .links import bookmarklet
from .session import check_csrf, login_required


def _render(**extra) -> str:
    return render_template("tokens.html", tokens=auth_service.list_tokens(db_session, g.user),
                           api_clients=client_service.list_clients(db_session, g.user),
                           bookmarklet=bookmarklet(url_for("web.share", _external=True)), **extra)


@bp.get("/tokens")
@login_required
def tokens():
    return _render()


@bp.post("/tokens")
@login_required
def create_token():
    """Shows the new token once, in this answer only (never stored, never redirected with)."""
    check_csrf()
    name = request.form.get("name", "").strip() or "Browser extension"
    token = auth_service.create_token(db_session, g.user, name)
    db_session.commit()
    html = _render(new_token=token, new_token_name=name)
    return html, 201, {"Cache-Control": "no-store"}


@bp.post("/tokens/<int:token_id>/revoke")
@login_required
def revoke_token(token_id: int):
    check_csrf()
    auth_service.revoke_token(db_session, g.user, token_id)
    db_session.commit()
    flash("The token was revoked: whatever used it is signed out.")
    return redirect(url_for("web.tokens"))


@bp.post("/clients")
@login_required
def create_client():
    """Shows the new client's secret once, in this answer only."""
    check_csrf()
    name = request.form.get("name", "").strip() or "Wallabag app"
    client, secret = client_service.create_client(db_session, g.user, name)
    db_session.commit()
    html = _render(new_client=client, new_client_secret=secret)
    return html, 201, {"Cache-Control": "no-store"}


@bp.post("/clients/<int:client_pk>/revoke")
@login_required
def revoke_client(client_pk: int):
    check_csrf()
    client_service.revoke_client(db_session, g.user, client_pk)
    db_session.commit()
    flash("The client was revoked: the apps that used it are signed out.")
    return redirect(url_for("web.tokens"))
