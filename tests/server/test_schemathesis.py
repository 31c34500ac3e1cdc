"""Schemathesis against schema/openapi.json and a live Gloss server: every phase
(examples, coverage, fuzzing, stateful) with a fixed seed. No answer may be a 5xx or
contradict the document (status codes, content types, headers, response bodies)."""
from __future__ import annotations

import json
import re
import subprocess
import urllib.parse
import sys
import urllib.request
from pathlib import Path

import pytest

from tests.conftest import PASSWORD, ROOT, LiveServer

CONFIG = ROOT / "tests" / "schemathesis.toml"
SCHEMA = ROOT / "schema" / "openapi.json"
MIN_CASES = 1000
# The Wallabag-compatible paths name their own servers (`/api`, `/oauth/v2`); Schemathesis
# takes one base URL a run, so they are fuzzed in a run of their own.
WALLABAG_PATHS = r"^/(token$|entries|tags$|tags/|tag/|annotations/|version$|info$|user$)"
MIN_WALLABAG_CASES = 300
ARTICLE = ("<html><head><title>Rivers and boats</title></head><body><article><h1>Rivers and boats</h1>"
           + "".join(f"<p>Paragraph {i} says something worth reading about rivers, boats and weather "
                     f"on the {i}th day of the long summer that nobody expected.</p>" for i in range(12))
           + "</article></body></html>")


def call(server: LiveServer, token: str, method: str, path: str, body: dict | None = None) -> dict:
    req = urllib.request.Request(server.base + "/api/v1" + path, method=method,
                                 data=json.dumps(body).encode() if body is not None else None,
                                 headers={"Authorization": f"Bearer {token}",
                                          "Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=30) as resp:
        return json.loads(resp.read())


@pytest.fixture()
def fuzzed_server(tmp_path):
    server = LiveServer(tmp_path)
    server.start()
    try:
        token = server.create_user("fuzz")
        yield server, token
    finally:
        server.close()


def seeded_config(tmp_path: Path, server: LiveServer, token: str) -> Path:
    """The shared settings, plus ids of rows that exist, so that the operations on one
    page, highlight or job reach past the 404 (deleting them is left to the stateful
    phase, which creates its own)."""
    page = call(server, token, "POST", "/pages", {"url": "https://example.org/rivers", "html": ARTICLE})
    highlight = call(server, token, "POST", f"/pages/{page['id']}/highlights", {"quote": "rivers, boats"})
    job = call(server, token, "POST", "/pages/reextract")
    config = tmp_path / "schemathesis.toml"
    config.write_text(CONFIG.read_text() + f"""
[[operations]]
include-method-regex = "^(GET|PATCH|PUT|POST)$"
parameters = {{ "path.page_id" = {page['id']}, "path.highlight_id" = {highlight['id']}, "path.job_id" = {job['id']} }}
""")
    return config


def run_schemathesis(config: Path, url: str, token: str, report_dir: Path, *selection: str):
    run = subprocess.run(
        [sys.executable, "-c", "from schemathesis.cli import schemathesis; schemathesis()",
         "--config-file", str(config), "run", str(SCHEMA), "--url", url, *selection,
         "--header", f"Authorization: Bearer {token}", "--workers", "1", "--no-color",
         "--report", "json", "--report-dir", str(report_dir)],
        cwd=report_dir.parent, capture_output=True, text=True, timeout=600)
    reports = sorted(report_dir.glob("*.json"))
    assert reports, run.stdout[-3000:] + run.stderr[-3000:]
    report = json.loads(reports[-1].read_text())
    print(f"schemathesis {report['schemathesis_version']}, seed {report['seed']}, {url}: "
          f"{report['test_cases']['generated']} cases in {report['running_time']:.0f} s")
    return run, report


def check_report(run, report, min_cases: int) -> None:
    summary = run.stdout[-6000:]
    assert report["errors"] == [], summary
    assert report["failures"] == [], summary
    # The document carries no examples of its own; every other phase must have run.
    assert {p: report["phases"][p]["status"] for p in ("coverage", "fuzzing", "stateful")} == {
        "coverage": "success", "fuzzing": "success", "stateful": "success"}, report["phases"]
    assert report["test_cases"]["generated"] >= min_cases, report["test_cases"]
    assert run.returncode == 0, summary


def test_the_api_keeps_to_its_document(fuzzed_server, tmp_path):
    server, token = fuzzed_server
    config = seeded_config(tmp_path, server, token)
    run, report = run_schemathesis(config, server.base + "/api/v1", token, tmp_path / "report",
                                   "--exclude-path-regex", WALLABAG_PATHS)
    check_report(run, report, MIN_CASES)


def wallabag_token(server: LiveServer) -> str:
    out = subprocess.run([*server.gloss, "clients", "create", "fuzzer", "--user", "fuzz"], cwd=server.tmp,
                         env=server.env, capture_output=True, text=True, check=True).stdout.splitlines()
    client_id, secret = (line.split(": ", 1)[1] for line in out[-2:])
    form = urllib.parse.urlencode({"grant_type": "password", "client_id": client_id, "client_secret": secret,
                                   "username": "fuzz", "password": PASSWORD}).encode()
    with urllib.request.urlopen(server.base + "/oauth/v2/token", data=form, timeout=30) as resp:
        return json.loads(resp.read())["access_token"]


def test_the_wallabag_api_keeps_to_its_document(fuzzed_server, tmp_path):
    server, token = fuzzed_server
    page = call(server, token, "POST", "/pages", {"url": "https://example.org/rivers", "html": ARTICLE})
    call(server, token, "POST", f"/pages/{page['id']}/highlights", {"quote": "rivers, boats"})
    config = tmp_path / "schemathesis.toml"
    # Wallabag's API reads its parameters leniently, as Wallabag does (its apps send
    # extra ones, and numbers and flags as strings), so a request outside the document's
    # shapes may rightly succeed: that check is off for this run.
    # The links Schemathesis infers between Wallabag's operations pair an entry's `id`
    # with `tag_id` (DELETE /entries/{entry_id}/tags/{tag_id}); that availability check
    # is off too (tests/wallabag checks the tags an entry really has).
    shared = re.sub(r"(?m)^negative_data_rejection\.expected-statuses = .*$",
                    "negative_data_rejection.enabled = false\nensure_resource_availability.enabled = false",
                    CONFIG.read_text())
    assert "negative_data_rejection.enabled = false" in shared
    config.write_text(shared + f"""
[[operations]]
include-method-regex = "^(GET|PATCH|PUT|POST)$"
parameters = {{ "path.entry_id" = {page['id']}, "path.item_id" = {page['id']} }}
""")
    run, report = run_schemathesis(config, server.base + "/api", wallabag_token(server), tmp_path / "report",
                                   "--include-path-regex", WALLABAG_PATHS, "--exclude-path", "/token")
    check_report(run, report, MIN_WALLABAG_CASES)
