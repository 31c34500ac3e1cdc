"""Signing in and out, the first account (/setup), and single-use login links."""
from __future__ import annotations

from flask import current_app, redirect, render_template, request, url_for
from werkzeug.exceptions import NotFound as HTTPNotFound

from ..caller import check_sign_in
from ..db import db_session
from ..errors import GlossError, InvalidCredentials, RateLimited
from ..http_errors import add_retry_after, status_for
from ..services import auth as auth_service
from .blueprint import bp
from .session import check_csrf, safe_next, sign_in, sign_out, signed_in_user


def _after_sign_in() -> str:
    return safe_next(request.values.get("next")) or url_for("web.library")


@bp.route("/login", methods=["GET", "POST"])
def login():
    if request.method == "GET":
        if signed_in_user() is not None:
            return redirect(_after_sign_in())
        no_accounts = auth_service.user_count(db_session) == 0
        return render_template("auth/login.html", next=safe_next(request.args.get("next")),
                               no_accounts=no_accounts)
    check_csrf()
    username = request.form.get("username", "").strip()
    password = request.form.get("password", "")
    form = {"next": safe_next(request.form.get("next")), "username": username}
    if not username or not password:
        return render_template("auth/login.html", error="Enter your username and password.", **form), 422
    try:
        user = check_sign_in(username, password)
    except (InvalidCredentials, RateLimited) as err:
        resp = current_app.make_response(
            (render_template("auth/login.html", error=err.message, **form), status_for(err)))
        return add_retry_after(resp, err)
    db_session.commit()
    sign_in(user.id)
    return redirect(_after_sign_in())


@bp.route("/setup", methods=["GET", "POST"])
def setup():
    """Creates the first account; once there is one, this page is gone."""
    if auth_service.user_count(db_session) > 0:
        return redirect(url_for("web.login"))
    if request.method == "GET":
        return render_template("auth/setup.html")
    check_csrf()
    username = request.form.get("username", "").strip()
    password = request.form.get("password", "")
    if password != request.form.get("password_again", ""):
        return render_template("auth/setup.html", username=username,
                               error="The two passwords are not the same."), 422
    try:
        user = auth_service.create_user(db_session, username, password)
    except GlossError as err:
        db_session.rollback()
        return render_template("auth/setup.html", username=username, error=err.message), status_for(err)
    db_session.commit()
    sign_in(user.id)
    return redirect(url_for("web.library"))


@bp.post("/logout")
def logout():
    if signed_in_user() is not None:
        check_csrf()
        sign_out(everywhere=request.form.get("everywhere") == "1")
    return redirect(url_for("web.login"))


# A navigation the user started (address bar, bookmark, the extension opening a tab: "none")
# or one from Gloss's own pages. Anything else may be another site sending the browser to
# its owner's link, to sign the victim in as the attacker.
TRUSTED_FETCH_SITES = frozenset({"none", "same-origin"})
LINK_GONE = ("This sign-in link is unknown, already used or expired. "
             "Open the page again from the extension, or sign in.")


@bp.route("/login-links/<secret>", methods=["GET", "POST"])
def redeem_login_link(secret: str):
    """Where the extension sends the browser: signs in once and opens the page. Opened
    from another site, it asks first, with a form that posts here."""
    if request.method == "GET" and request.headers.get("Sec-Fetch-Site") not in TRUSTED_FETCH_SITES:
        account = auth_service.peek_login_link(db_session, secret)
        if account is None:
            raise HTTPNotFound(LINK_GONE)
        return render_template("auth/confirm_login_link.html", account=account, secret=secret), 200, \
            {"Cache-Control": "no-store"}
    if request.method == "POST":
        check_csrf()
    link = auth_service.redeem_login_link(db_session, secret)
    db_session.commit()
    if link is None:
        raise HTTPNotFound(LINK_GONE)
    sign_in(link.user_id)
    return redirect(url_for("web.reader", page_id=link.page_id))
