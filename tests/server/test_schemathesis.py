"""Schemathesis against schema/openapi.json and a live Gloss server: every phase
(examples, coverage, fuzzing, stateful) with a fixed seed. No answer may be a 5xx or
contradict the document (status codes, content types, headers, response bodies)."""
from __future__ import annotations

import json
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest

from tests.conftest import ROOT, LiveServer

CONFIG = ROOT / "tests" / "schemathesis.toml"
SCHEMA = ROOT / "schema" / "openapi.json"
MIN_CASES = 1000
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


def test_the_api_keeps_to_its_document(fuzzed_server, tmp_path):
    server, token = fuzzed_server
    config = seeded_config(tmp_path, server, token)
    report_dir = tmp_path / "report"
    run = subprocess.run(
        [sys.executable, "-c", "from schemathesis.cli import schemathesis; schemathesis()",
         "--config-file", str(config), "run", str(SCHEMA), "--url", server.base + "/api/v1",
         "--header", f"Authorization: Bearer {token}", "--workers", "1", "--no-color",
         "--report", "json", "--report-dir", str(report_dir)],
        cwd=tmp_path, capture_output=True, text=True, timeout=600)
    reports = sorted(report_dir.glob("*.json"))
    assert reports, run.stdout[-3000:] + run.stderr[-3000:]
    report = json.loads(reports[-1].read_text())
    summary = run.stdout[-6000:]
    print(f"schemathesis {report['schemathesis_version']}, seed {report['seed']}: "
          f"{report['test_cases']['generated']} cases in {report['running_time']:.0f} s")
    assert report["errors"] == [], summary
    assert report["failures"] == [], summary
    # The document carries no examples of its own; every other phase must have run.
    assert {p: report["phases"][p]["status"] for p in ("coverage", "fuzzing", "stateful")} == {
        "coverage": "success", "fuzzing": "success", "stateful": "success"}, report["phases"]
    assert report["test_cases"]["generated"] >= MIN_CASES, report["test_cases"]
    assert run.returncode == 0, summary
