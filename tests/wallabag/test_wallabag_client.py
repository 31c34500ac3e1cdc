"""The real `wallabag-client` (PyPI) against a live Gloss: configured with a client made
by `gloss clients create`, it adds a link served by a local site, lists, shows, marks
read, stars, tags, lists and removes an annotation made in Gloss, exports as Markdown
and EPUB, and deletes; each result is checked in Gloss's own API."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import urllib.error
import zipfile
import urllib.request
from pathlib import Path

import pytest

from tests.conftest import PASSWORD, LiveServer
from tests.wallabag.conftest import article

pytestmark = pytest.mark.once

pytest.importorskip("wallabag.config", reason="wallabag-client is in the test extra")

CLIENT_TIMEOUT = 120


class GlossApi:
    def __init__(self, base: str, token: str):
        self.base, self.token = base, token

    def call(self, method: str, path: str, body: dict | None = None):
        req = urllib.request.Request(self.base + path, method=method,
                                     data=json.dumps(body).encode() if body is not None else None,
                                     headers={"Authorization": f"Bearer {self.token}",
                                              "Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(req, timeout=30) as resp:
                return resp.status, json.loads(resp.read() or b"null")
        except urllib.error.HTTPError as err:
            return err.code, json.loads(err.read() or b"null")

    def page(self, page_id: int) -> dict:
        status, body = self.call("GET", f"/api/v1/pages/{page_id}")
        assert status == 200, body
        return body


@pytest.fixture()
def gloss(tmp_path: Path):
    server = LiveServer(tmp_path)
    server.env["GLOSS_FETCH_ALLOW_NETWORKS"] = "127.0.0.0/8"
    server.start()
    yield server
    server.close()


def test_wallabag_client_drives_gloss(gloss, site, tmp_path):
    api = GlossApi(gloss.base, gloss.create_user("reader"))
    made = subprocess.run([*gloss.gloss, "clients", "create", "wallabag-cli", "--user", "reader"], cwd=gloss.tmp,
                          env=gloss.env, capture_output=True, text=True, check=True)
    id_line, secret_line = made.stdout.strip().splitlines()[-2:]
    assert id_line.startswith("client_id: ") and secret_line.startswith("client_secret: ")
    client_id, secret = id_line.split(": ", 1)[1], secret_line.split(": ", 1)[1]

    home = tmp_path / "home"
    config_path = home / "wallabag.ini"
    # The client encrypts the password and secret with a key of this user and host: the
    # config is written by its own code, as its `config` command would.
    from wallabag.config import Configs, Options, Sections

    config = Configs(str(config_path))
    for section, option, value in [(Sections.API, Options.SERVERURL, gloss.base),
                                   (Sections.API, Options.USERNAME, "reader"),
                                   (Sections.API, Options.PASSWORD, PASSWORD),
                                   (Sections.OAUTH2, Options.CLIENT, client_id),
                                   (Sections.OAUTH2, Options.SECRET, secret)]:
        config.set(section, option, value)
    config.save()
    env = {k: v for k, v in os.environ.items() if not k.startswith("GLOSS_")}
    env.update(HOME=str(home), XDG_CONFIG_HOME=str(home / ".config"), COLUMNS="200", LINES="50")

    def wallabag(*args: str, answer: str = "") -> str:
        # A confirmation restarts the spinner, which only the spinner's own block stops
        # again: commands that ask keep it on.
        quiet = [] if answer else ["--no-spinner"]
        done = subprocess.run([sys.executable, "-c", "from wallabag.wallabag import cli; cli()",
                               "--config", str(config_path), *quiet, *args],
                              input=answer, env=env, capture_output=True, text=True, timeout=CLIENT_TIMEOUT)
        assert done.returncode == 0 and "Error" not in done.stdout, (args, done.stdout, done.stderr)
        return done.stdout

    url = site.html("/orchards.html", article("Winter Orchards"))
    out = wallabag("add", url)
    assert "Entry successfully added" in out and "Winter Orchards" in out
    status, listed = api.call("GET", "/api/v1/pages")
    (summary,) = listed["items"]
    entry_id = summary["id"]
    assert summary["state"] == "article" and summary["title"] == "Winter Orchards"
    assert wallabag("add", url).strip().endswith("The url was already saved.")

    out = wallabag("list")
    assert str(entry_id) in out and "Winter Orchards" in out

    out = wallabag("show", str(entry_id))
    assert "fruiting spurs" in out

    wallabag("update", "--read", str(entry_id))
    assert api.page(entry_id)["read"] is True
    wallabag("star", str(entry_id))
    assert api.page(entry_id)["starred"] is True

    wallabag("tags", "-c", "add", "-e", str(entry_id), "-t", "garden")
    assert api.page(entry_id)["tags"] == ["garden"]
    out = wallabag("tags", "-c", "list", "-e", str(entry_id))
    assert out.strip().endswith(". garden")
    assert ". garden" in wallabag("tags")
    wallabag("tags", "-c", "remove", "-e", str(entry_id), "-t", "garden", answer="y\n")
    assert api.page(entry_id)["tags"] == []

    status, highlight = api.call("POST", f"/api/v1/pages/{entry_id}/highlights",
                                 {"quote": "A sharp saw and clean cuts", "note": "before winter"})
    assert status == 201
    out = wallabag("anno", "-e", str(entry_id))
    assert f"{highlight['id']}. A sharp saw and clean cuts" in out
    wallabag("anno", "-c", "remove", "-a", str(highlight["id"]))
    assert api.page(entry_id)["highlights"] == []

    exported = tmp_path / "exported"
    out = wallabag("export", "-f", "markdown", "-o", str(exported), str(entry_id))
    (md,) = exported.glob("*.md")
    text = md.read_text()
    assert text.startswith("# Winter Orchards") and "fruiting spurs" in text

    wallabag("export", "-f", "epub", "-o", str(exported), str(entry_id))
    (book,) = exported.glob("*.epub")
    with zipfile.ZipFile(book) as epub:
        assert epub.namelist()[0] == "mimetype" and epub.read("mimetype") == b"application/epub+zip"
        chapters = [epub.read(name).decode() for name in epub.namelist() if name.endswith(".xhtml")]
    assert any("fruiting spurs" in chapter for chapter in chapters)

    wallabag("delete", "-f", str(entry_id))
    assert api.call("GET", f"/api/v1/pages/{entry_id}")[0] == 404
