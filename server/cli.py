"""The `gloss` command: serve, migrate, users, tokens, re-extraction."""
from __future__ import annotations

import os
import sys

import click
from flask import Flask
from flask.cli import FlaskGroup, with_appcontext

from .db import db_session, upgrade


def _create_app():
    from . import create_app

    return create_app()


@click.group(cls=FlaskGroup, create_app=_create_app, add_default_commands=False,
             add_version_option=False)
def main():
    """Gloss: a self-hosted read-it-later and annotation service."""


def register_commands(app: Flask) -> None:
    for command in (serve, migrate, user, pages, import_file):
        app.cli.add_command(command)


def _engine():
    from flask import current_app

    return current_app.extensions["gloss.engine"]


def _migrate_in_session() -> None:
    """Commands that write migrate first, inside their own unit of work."""
    upgrade(db_session.connection())


def _upgrade() -> None:
    """The schema, then the stored data that today's code treats differently: reader HTML
    stored by an older sanitizer is cleaned again (migrations stay frozen; this is not one)."""
    from .services import pages as page_service

    upgrade(_engine())
    cleaned = page_service.resanitize_pages(db_session)
    if cleaned:
        click.echo(f"cleaned the reader HTML of {cleaned} page(s) with the current sanitizer", err=True)


@click.command()
@with_appcontext
def migrate():
    """Create or update the database schema (and clean stored HTML with the current sanitizer)."""
    _upgrade()
    click.echo("database is up to date")


@click.command()
@click.option("--host", default=lambda: os.environ.get("GLOSS_HOST", "127.0.0.1"), show_default="127.0.0.1")
@click.option("--port", type=int, default=lambda: int(os.environ.get("GLOSS_PORT", 5000)), show_default="5000")
@click.option("--workers", type=int, default=lambda: int(os.environ.get("GLOSS_WORKERS", 2)), show_default="2")
@click.option("--threads", type=click.IntRange(min=1), default=lambda: int(os.environ.get("GLOSS_THREADS", 1)),
              show_default="1", help="Request threads per worker.")
@with_appcontext
def serve(host: str, port: int, workers: int, threads: int):
    """Migrate the database, then serve with gunicorn."""
    from .wsgi_server import run

    _upgrade()
    db_session.remove()  # no connection carried into the forked workers
    run(host=host, port=port, workers=workers, threads=threads)


@click.group()
def user():
    """Manage users."""


@user.command("create")
@click.argument("username")
@with_appcontext
def user_create(username: str):
    """Create a user (password from GLOSS_PASSWORD, else prompted); prints an API token last."""
    from .services import auth as auth_service

    password = os.environ.get("GLOSS_PASSWORD")
    if password is None:
        password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    _migrate_in_session()
    from .errors import GlossError

    try:
        account = auth_service.create_user(db_session, username, password)
        token = auth_service.create_token(db_session, account, "created with gloss user create")
        db_session.commit()
    except GlossError as err:
        raise click.ClickException(err.message)
    click.echo(f"created user {account.username}; API token (shown once):", err=True)
    click.echo(token)


@user.command("token")
@click.argument("username")
@click.option("--name", default="cli", help="A label to recognise the token by.")
@with_appcontext
def user_token(username: str, name: str):
    """Print a new API token for an existing user."""
    from sqlalchemy import select

    from .models import User
    from .services import auth as auth_service

    account = db_session.scalar(select(User).where(User.username == username))
    if account is None:
        raise click.ClickException(f"no user named {username!r}")
    token = auth_service.create_token(db_session, account, name)
    db_session.commit()
    click.echo(token)


@user.command("password")
@click.argument("username")
@with_appcontext
def user_password(username: str):
    """Set a user's password (from GLOSS_PASSWORD, else prompted)."""
    from sqlalchemy import select

    from .errors import GlossError
    from .models import User
    from .services import auth as auth_service

    account = db_session.scalar(select(User).where(User.username == username))
    if account is None:
        raise click.ClickException(f"no user named {username!r}")
    password = os.environ.get("GLOSS_PASSWORD") or click.prompt(
        "New password", hide_input=True, confirmation_prompt=True)
    try:
        auth_service.set_password(db_session, account, password)
    except GlossError as err:
        raise click.ClickException(err.message)
    db_session.commit()
    click.echo("password changed; signed out everywhere and every API token revoked")


@click.group()
def pages():
    """Maintain saved pages."""


@pages.command("resanitize")
@with_appcontext
def pages_resanitize():
    """Clean stored reader HTML with the current sanitizer (pages an older one stored)."""
    from .services import pages as page_service

    _migrate_in_session()
    db_session.commit()
    cleaned = page_service.resanitize_pages(db_session)
    click.echo(f"cleaned {cleaned} page{'' if cleaned == 1 else 's'} with sanitizer version "
               f"{page_service.SANITIZER_VERSION}")


@pages.command("reextract")
@click.argument("page_ids", nargs=-1, type=int)
@click.option("--all", "all_pages", is_flag=True, help="Every page of every user.")
@with_appcontext
def pages_reextract(page_ids: tuple[int, ...], all_pages: bool):
    """Extract pages again from their stored HTML, re-anchoring their highlights."""
    from sqlalchemy import select
    from tqdm import tqdm

    from .models import Page
    from .services import pages as page_service

    if not page_ids and not all_pages:
        raise click.UsageError("name page ids, or pass --all")
    _migrate_in_session()
    stmt = select(Page.id).where(Page.state == "article").order_by(Page.id)
    if not all_pages:
        stmt = stmt.where(Page.id.in_(page_ids))
    ids = list(db_session.scalars(stmt))
    missing = set(page_ids) - set(ids)
    if missing:
        click.echo(f"no saved article with id {', '.join(map(str, sorted(missing)))}", err=True)
    changed = kept = 0
    for page_id in tqdm(ids, desc="re-extracting", unit="page", file=sys.stderr,
                        disable=not ids):
        page = db_session.get(Page, page_id)
        if page_service.reextract_page(db_session, page):
            changed += 1
        else:
            kept += 1
        db_session.commit()
    click.echo(f"re-extracted {changed} page(s); kept {kept} as they were")
    if missing:
        sys.exit(1)


@click.command("import")
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
@click.option("--user", "username", help="Whose library to import into (needed when there are several users).")
@click.option("--format", "fmt", type=click.Choice(["gloss", "omnivore", "hypothesis", "pocket"]),
              help="The kind of export (detected from the file when left out).")
@with_appcontext
def import_file(path: str, username: str | None, fmt: str | None):
    """Import a Gloss JSON export, or an Omnivore, Hypothesis or Pocket export.

    All of it is imported or, when the file cannot be read, none of it."""
    from flask import current_app
    from sqlalchemy import select
    from tqdm import tqdm

    from .errors import GlossError
    from .models import User
    from .services import importers

    upgrade(_engine())
    if username:
        account = db_session.scalar(select(User).where(User.username == username))
        if account is None:
            raise click.ClickException(f"no user named {username!r}")
    else:
        accounts = list(db_session.scalars(select(User).limit(2)))
        if len(accounts) != 1:
            raise click.ClickException("name the user to import into with --user")
        account = accounts[0]
    size = os.path.getsize(path)
    with open(path, "rb") as raw, tqdm.wrapattr(raw, "read", total=size, desc="importing", unit="B",
                                                unit_scale=True, file=sys.stderr) as stream:
        try:
            report = importers.import_file(db_session, account, stream, fmt=fmt,
                                           max_page_bytes=current_app.config["MAX_PAGE_BYTES"])
        except GlossError as err:
            db_session.rollback()
            raise click.ClickException(f"{err.message} Nothing was imported.")
    db_session.commit()
    click.echo(f"imported {report.format} export into {account.username}: "
               f"{report.pages_created} page(s) added, {report.pages_updated} updated, "
               f"{report.highlights_created} highlight(s) ({report.highlights_orphaned} orphaned)")
    for reason in report.skipped:
        click.echo(f"skipped: {reason}", err=True)
