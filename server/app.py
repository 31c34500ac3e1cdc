"""The app factory, and the `gloss` command wired to it."""
from __future__ import annotations

from flask.cli import ScriptInfo

from .cli import main, register_commands
from .headers import SECURITY_HEADERS


def create_app(config: dict | None = None):
    """The Flask app: settings from GLOSS_* environment variables, overridden by `config`."""
    from flask import Flask, g, request
    from flask.json.provider import DefaultJSONProvider

    from . import config as settings
    from .db import SessionFactory, make_engine, may_write, remove_session
    from .http_errors import register_error_handlers
    from .wallabag.errors import is_wallabag_path, wallabag_error

    app = Flask(__name__)
    config = dict(config or {})
    app.config.update(settings.from_environment(with_secret="SECRET_KEY" not in config))
    app.config.update(config)
    assert isinstance(app.json, DefaultJSONProvider)
    app.json.sort_keys = False

    engine = app.config.get("ENGINE") or make_engine(app.config["DATABASE_URL"])
    app.extensions["gloss.engine"] = engine
    remove_session()
    SessionFactory.configure(bind=app.config.get("SESSION_BIND", engine))

    @app.teardown_appcontext
    def _remove_session(_exc):
        remove_session()

    @app.before_request
    def _reads_only_for_safe_methods():
        # GET and HEAD only read (the few that also write do it in a transaction of its own).
        g.may_write_token = may_write.set(request.method not in ("GET", "HEAD", "OPTIONS"))

    @app.teardown_request
    def _writes_again(_exc):
        token = g.pop("may_write_token", None)
        if token is not None:
            may_write.reset(token)

    @app.after_request
    def _security_headers(resp):
        for name, value in SECURITY_HEADERS.items():
            resp.headers.setdefault(name, value)
        return resp

    from . import inputs

    inputs.init_app(app)

    from .jobs.queue import JobQueue

    app.extensions["gloss.queue"] = JobQueue(app, app.config["QUEUE_URL"], app.config["QUEUE_NAME"])

    from .api import bp as api_bp
    from .wallabag import bp as wallabag_bp
    from .web import bp as web_bp, render_error

    from .opds import bp as opds_bp

    app.register_blueprint(api_bp)
    app.register_blueprint(wallabag_bp)
    app.register_blueprint(web_bp)
    app.register_blueprint(opds_bp)
    register_error_handlers(app, html_handler=render_error,
                            other_shapes=[(is_wallabag_path, wallabag_error)])

    register_commands(app)
    return app


def run_cli() -> None:
    """The `gloss` command: each command builds the app with `create_app` when it needs it."""
    main(obj=ScriptInfo(create_app=create_app))
