"""Gloss: a self-hosted read-it-later and annotation service."""
from __future__ import annotations

__version__ = "0.1.0"

CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' https: http: data:; "
    "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
)


def create_app(config: dict | None = None):
    """The Flask app: settings from GLOSS_* environment variables, overridden by `config`."""
    from flask import Flask

    from . import config as settings
    from .db import SessionFactory, db_session, make_engine
    from .errors import register_error_handlers

    app = Flask(__name__)
    config = dict(config or {})
    app.config.update(settings.from_environment(with_secret="SECRET_KEY" not in config))
    app.config.update(config)
    app.json.sort_keys = False

    engine = app.config.get("ENGINE") or make_engine(app.config["DATABASE_URL"])
    app.extensions["gloss.engine"] = engine
    db_session.remove()
    SessionFactory.configure(bind=app.config.get("SESSION_BIND", engine))

    @app.teardown_appcontext
    def _remove_session(_exc):
        db_session.remove()

    @app.after_request
    def _security_headers(resp):
        resp.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        resp.headers.setdefault("X-Content-Type-Options", "nosniff")
        resp.headers.setdefault("Referrer-Policy", "same-origin")
        resp.headers.setdefault("X-Frame-Options", "DENY")
        return resp

    from .jobs.queue import JobQueue

    app.extensions["gloss.queue"] = JobQueue(app, app.config["QUEUE_URL"], app.config["QUEUE_NAME"])

    from .api import bp as api_bp
    from .web import bp as web_bp, render_error

    app.register_blueprint(api_bp)
    app.register_blueprint(web_bp)
    register_error_handlers(app, html_handler=render_error)

    from .cli import register_commands

    register_commands(app)
    return app
