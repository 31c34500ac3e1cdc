"""The `gloss` command: serve, migrate, users, tokens, re-extraction."""
from __future__ import annotations

import sys
from typing import TYPE_CHECKING, cast

import click
from flask import Flask
from flask.cli import ScriptInfo, with_appcontext

if TYPE_CHECKING:
    from werkzeug.local import LocalProxy

from .config import password_from_environment, serve_settings
from .db import db_session, remove_session, upgrade
from .states import ARTICLE, FETCHING, LINK


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="gloss", message="gloss %(version)s")
@click.pass_context
def main(ctx: click.Context):
    """Gloss: a self-hosted read-it-later and annotation service.

    The database is GLOSS_DATABASE_URL's (by default a SQLite file under instance/).
    Run `gloss COMMAND --help` for a command's options."""
    # Gloss's own commands only (not Flask's --app, --env-file, --debug): the app they
    # work in is always Gloss's, built when a command first needs it by the factory the
    # caller gives (`server.app.run_cli`), so this module needs no import of the app.
    if ctx.obj is None:
        raise click.UsageError("Run the `gloss` command (server.app.run_cli), which names the app.")


def register_commands(app: Flask) -> None:
    """The same commands under `flask --app server` (and the app's test CLI runner)."""
    for command in COMMANDS:
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
@click.option("--host", default=lambda: serve_settings().host, show_default="127.0.0.1")
@click.option("--port", type=int, default=lambda: serve_settings().port, show_default="5000")
@click.option("--workers", type=int, default=lambda: serve_settings().workers, show_default="2")
@click.option("--threads", type=click.IntRange(min=1), default=lambda: serve_settings().threads,
              show_default="1", help="Requests per worker running the app at once.")
@click.option("--client-threads", type=click.IntRange(min=1),
              default=lambda: serve_settings().client_threads, show_default="32",
              help="Connections per worker read at once (slow clients wait in these).")
@click.option("--job-worker/--no-job-worker", default=lambda: serve_settings().job_worker,
              show_default="on", help="Also run a job worker (fetches, imports) beside the app.")
@click.option("--control-socket", type=click.Path(dir_okay=False),
              default=lambda: serve_settings().control_socket,
              help="Where gunicorn's control socket goes (for gunicornc); none unless given. "
                   "Each server on a machine needs its own path.  [env: GLOSS_CONTROL_SOCKET]")
@with_appcontext
def serve(host: str, port: int, workers: int, threads: int, client_threads: int, job_worker: bool,
          control_socket: str | None):
    """Migrate the database, then serve with gunicorn (and run a job worker beside it)."""
    from .jobs.worker import start_worker_process
    from .wsgi_server import run, tune_malloc

    tune_malloc()  # before the job worker and gunicorn's workers start
    _upgrade()
    remove_session()  # no connection carried into the forked workers
    child = start_worker_process() if job_worker else None
    # Each gunicorn worker builds its own app (and engine) after the fork, the way this
    # command's app was found: Gloss's factory, or `flask --app`'s import path.
    found = click.get_current_context().ensure_object(ScriptInfo)
    app_factory = ScriptInfo(app_import_path=found.app_import_path, create_app=found.create_app).load_app
    try:
        run(app_factory, host=host, port=port, workers=workers, threads=threads, client_threads=client_threads,
            control_socket=control_socket)
    finally:
        if child is not None:
            child.terminate()
            child.wait(15)


@click.command()
@click.option("--threads", type=click.IntRange(min=1, max=64),
              default=lambda: serve_settings().worker_threads, show_default="2",
              help="Jobs run at the same time by this worker.")
@with_appcontext
def worker(threads: int):
    """Run background jobs (fetches, imports, re-extraction) until stopped."""
    from flask import current_app

    from .jobs.worker import run_worker

    upgrade(_engine())
    remove_session()
    run_worker(cast("LocalProxy[Flask]", current_app)._get_current_object(), threads)


@click.group()
def user():
    """Manage users."""


@user.command("create")
@click.argument("username")
@with_appcontext
def user_create(username: str):
    """Create a user (password from GLOSS_PASSWORD, else prompted); prints an API token last."""
    from .services import auth as auth_service

    password = password_from_environment()
    if password is None:
        password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    _migrate_in_session()
    from .errors import GlossError

    try:
        account = auth_service.create_user(db_session, username, password)
        token = auth_service.create_token(db_session, account, "created with gloss user create")
        db_session.commit()
    except GlossError as err:
        raise click.ClickException(err.message) from err
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
    from .errors import GlossError

    try:
        token = auth_service.create_token(db_session, account, name)
    except GlossError as err:
        raise click.ClickException(err.message) from err
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
    password = password_from_environment() or click.prompt(
        "New password", hide_input=True, confirmation_prompt=True)
    try:
        auth_service.set_password(db_session, account, password)
    except GlossError as err:
        raise click.ClickException(err.message) from err
    db_session.commit()
    click.echo("password changed; signed out everywhere and every API token revoked")


@click.group()
def clients():
    """Manage API clients of Wallabag-compatible apps."""


@clients.command("create")
@click.argument("name")
@click.option("--user", "username", required=True, help="The user whose pages the client reaches.")
@with_appcontext
def clients_create(name: str, username: str):
    """Create an API client; prints its client_id and client_secret as the last two lines."""
    from .errors import GlossError
    from .services import clients as client_service

    _migrate_in_session()
    account = _account(username)
    try:
        client, secret = client_service.create_client(db_session, account, name)
    except GlossError as err:
        raise click.ClickException(err.message) from err
    db_session.commit()
    click.echo(f"created API client {client.name!r} for {account.username} (the secret is shown once):", err=True)
    click.echo(f"client_id: {client.client_id}")
    click.echo(f"client_secret: {secret}")


@clients.command("list")
@click.option("--user", "username", required=True)
@with_appcontext
def clients_list(username: str):
    """List a user's API clients (their ids and names; secrets are not kept)."""
    from .services import clients as client_service

    for client in client_service.list_clients(db_session, _account(username)):
        click.echo(f"{client.id}\t{client.client_id}\t{client.name}\t{client.created_at:%Y-%m-%d}")


@clients.command("revoke")
@click.argument("client_id")
@click.option("--user", "username", required=True)
@with_appcontext
def clients_revoke(client_id: str, username: str):
    """Delete an API client (by its client_id) and every token it was given."""
    from sqlalchemy import select

    from .models import ApiClient
    from .services import clients as client_service

    account = _account(username)
    pk = db_session.scalar(select(ApiClient.id).where(ApiClient.client_id == client_id,
                                                      ApiClient.user_id == account.id))
    if pk is None:
        raise click.ClickException(f"{username} has no client {client_id!r}")
    client_service.revoke_client(db_session, account, pk)
    db_session.commit()
    click.echo("client revoked; its tokens no longer work")


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
@click.option("--wait/--no-wait", default=True, show_default=True,
              help="Work on the job here with a progress bar, or only queue it for the workers.")
@with_appcontext
def pages_reextract(page_ids: tuple[int, ...], all_pages: bool, wait: bool):
    """Extract pages again from their stored HTML, re-anchoring their highlights."""
    from sqlalchemy import select

    from .models import Page, User
    from .services import reextract

    if not page_ids and not all_pages:
        raise click.UsageError("name page ids, or pass --all")
    _migrate_in_session()
    stmt = select(Page.id, Page.user_id).where(Page.state == ARTICLE)
    if not all_pages:
        stmt = stmt.where(Page.id.in_(page_ids))
    found = db_session.execute(stmt).all()
    missing = set(page_ids) - {page_id for page_id, _ in found}
    if missing:
        click.echo(f"no saved article with id {', '.join(map(str, sorted(missing)))}", err=True)
    jobs = []
    for user_id in sorted({user_id for _, user_id in found}):
        ids = None if all_pages else [page_id for page_id, owner in found if owner == user_id]
        jobs.append(reextract.start_reextraction(db_session, db_session.get_one(User, user_id), ids).id)
    db_session.commit()
    if not wait:
        click.echo(f"queued re-extraction job(s) {', '.join(map(str, jobs)) or 'none'}")
    else:
        outcome = _follow(jobs, "re-extracting", "page")
        click.echo(f"re-extracted {outcome.get('reextracted', 0)} page(s); "
                   f"kept {outcome.get('kept', 0)} as they were")
        for reason, count in reextract.kept_reasons(outcome):
            click.echo(f"  {count} kept because {reason}")
    if missing:
        sys.exit(1)


@pages.command("fetch-links")
@click.option("--user", "username", required=True, help="Whose links to fetch.")
@click.option("--wait/--no-wait", default=True, show_default=True,
              help="Work on the job here with a progress bar, or only queue it for the workers.")
@with_appcontext
def pages_fetch_links(username: str, wait: bool):
    """Fetch the articles of a user's pages saved as links (imported, or whose fetch failed)."""
    from .services import links

    _migrate_in_session()
    job = links.fetch_all_links(db_session, _account(username))
    db_session.commit()
    if not wait:
        click.echo(f"queued job {job.id}: fetching {job.total} link(s)")
        return
    outcome = _follow([job.id], FETCHING, LINK)
    click.echo(f"fetched {outcome.get('saved', 0) + outcome.get('kept', 0)} article(s); "
               f"{outcome.get('failed', 0)} link(s) could not be fetched")


def _account(username: str | None):
    from sqlalchemy import select

    from .models import User

    if username:
        account = db_session.scalar(select(User).where(User.username == username))
        if account is None:
            raise click.ClickException(f"no user named {username!r}")
        return account
    accounts = list(db_session.scalars(select(User).limit(2)))
    if len(accounts) != 1:
        raise click.ClickException("name the user with --user")
    return accounts[0]


def _follow(job_ids: list[int], desc: str, unit: str) -> dict:
    """Works on the jobs here (workers elsewhere may share their items) with a progress
    bar, until they are finished; answers their results added up."""
    from flask import current_app
    from tqdm import tqdm

    from .jobs.worker import work_on
    from .services import jobs as job_service

    app = cast("LocalProxy[Flask]", current_app)._get_current_object()
    total = sum(job.total for job in map(lambda i: db_session.get_one(job_service.Job, i), job_ids))
    outcome: dict = {}
    with tqdm(total=total, desc=desc, unit=unit, file=sys.stderr, disable=not total) as bar:
        before = 0
        for job_id in job_ids:
            def progress(done: int, before: int = before) -> None:
                bar.update(before + done - bar.n)

            job = work_on(app, job_id, progress)
            before += job.total
            outcome = job_service.add_counts(outcome, job_service.result(job) or {})
            if job.error:
                click.echo(job.error, err=True)
    return outcome


@click.command("import")
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
@click.option("--user", "username", help="Whose library to import into (needed when there are several users).")
@click.option("--format", "fmt", type=click.Choice(["gloss", "omnivore", "hypothesis", "pocket"]),
              help="The kind of export (detected from the file when left out).")
@click.option("--wait/--no-wait", default=True, show_default=True,
              help="Work on the import here with a progress bar, or only queue it for the workers.")
@with_appcontext
def import_file(path: str, username: str | None, fmt: str | None, wait: bool):
    """Import a Gloss JSON export, or an Omnivore, Hypothesis or Pocket export.

    The file is read first: when it cannot be read, nothing is imported. Its items
    are then imported as background jobs, which `gloss worker`s share."""
    from flask import current_app

    from .errors import GlossError
    from .services import importers

    _migrate_in_session()
    account = _account(username)
    with open(path, "rb") as stream:
        try:
            job = importers.start_import(db_session, account, stream, fmt=fmt,
                                         max_page_bytes=current_app.config["MAX_PAGE_BYTES"])
        except GlossError as err:
            db_session.rollback()
            raise click.ClickException(f"{err.message} Nothing was imported.") from err
    db_session.commit()
    if not wait:
        click.echo(f"queued import job {job.id}: {job.total} item(s)")
        return
    report = _follow([job.id], "importing", "item")
    click.echo(importers.import_summary(report, into=account.username))
    for reason in report.get("skipped", []):
        click.echo(f"skipped: {reason}", err=True)


COMMANDS = (serve, worker, migrate, user, clients, pages, import_file)
for _command in COMMANDS:
    main.add_command(_command)
