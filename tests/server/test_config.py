"""Every setting is read in server/config.py, and nowhere else."""
from __future__ import annotations

import re
from pathlib import Path

import server
from server import config

SERVER = Path(server.__file__).parent
READS_ENVIRONMENT = re.compile(r"os\.environ|getenv\(")


def test_only_config_reads_the_environment():
    readers = sorted(str(path.relative_to(SERVER)) for path in SERVER.rglob("*.py")
                     if READS_ENVIRONMENT.search(path.read_text(encoding="utf-8")))
    assert readers == ["config.py"]


def test_the_command_lines_defaults_come_from_the_environment(monkeypatch):
    monkeypatch.setenv("GLOSS_PORT", "5123")
    monkeypatch.setenv("GLOSS_SERVE_JOB_WORKER", "0")
    monkeypatch.delenv("GLOSS_CONTROL_SOCKET", raising=False)
    settings = config.serve_settings()
    assert (settings.port, settings.job_worker, settings.control_socket) == (5123, False, None)


def test_the_import_limit_is_a_setting(monkeypatch):
    monkeypatch.setenv("GLOSS_MAX_IMPORT_BYTES", "2048")
    assert config.from_environment(with_secret=False)["MAX_IMPORT_BYTES"] == 2048
