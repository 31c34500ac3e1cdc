"""CI runs the suite from a copy of the repository in a new temporary folder (no shared/
beside it): `.ci/copy-repo` copies what a fresh clone has, and `.ci/run` tests that copy."""
from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GIT_ENV = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "t",
           "GIT_COMMITTER_EMAIL": "t@example.org", "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}


def a_repository(folder: Path) -> Path:
    (folder / ".ci").mkdir(parents=True)
    shutil.copy2(ROOT / ".ci" / "copy-repo", folder / ".ci" / "copy-repo")
    (folder / "tests").mkdir()
    (folder / "tests" / "fixture.txt").write_text("committed\n")
    return folder


def copy_repo(repo: Path, dest: Path) -> subprocess.CompletedProcess:
    return subprocess.run(["bash", str(repo / ".ci" / "copy-repo"), str(dest)], capture_output=True, text=True,
                          env={**os.environ, **GIT_ENV}, timeout=60)


def test_a_checkout_is_copied_as_committed(tmp_path):
    repo = a_repository(tmp_path / "repo")
    env = {**os.environ, **GIT_ENV}
    for args in (["init", "-q"], ["add", "-A"], ["commit", "-qm", "first"]):
        subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True)
    (repo / "tests" / "fixture.txt").write_text("changed, not committed\n")
    (repo / "uncommitted.py").write_text("print('not in a clone')\n")
    (repo / ".venv").mkdir()
    done = copy_repo(repo, tmp_path / "ci" / "copy")
    assert done.returncode == 0, done.stderr
    copy = tmp_path / "ci" / "copy"
    assert (copy / "tests" / "fixture.txt").read_text() == "committed\n"
    assert not (copy / "uncommitted.py").exists() and not (copy / ".venv").exists()
    assert os.access(copy / ".ci" / "copy-repo", os.X_OK)
    assert sorted(p.name for p in (tmp_path / "ci").iterdir()) == ["copy"]  # nothing beside it


def test_files_that_are_not_a_checkout_are_copied_without_build_output(tmp_path):
    plain = a_repository(tmp_path / "plain")
    for junk in (".venv/bin/python", "node_modules/x/index.js", "instance/gloss.db"):
        (plain / junk).parent.mkdir(parents=True, exist_ok=True)
        (plain / junk).write_text("")
    done = copy_repo(plain, tmp_path / "copy")
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "copy" / "tests" / "fixture.txt").exists()
    for junk in (".venv", "node_modules", "instance"):
        assert not (tmp_path / "copy" / junk).exists()


def test_the_copy_must_go_to_a_new_folder(tmp_path):
    repo = a_repository(tmp_path / "repo")
    (tmp_path / "taken").mkdir()
    (tmp_path / "taken" / "file").write_text("")
    assert copy_repo(repo, tmp_path / "taken").returncode != 0


def test_ci_runs_both_databases_in_the_copy():
    script = (ROOT / ".ci" / "run").read_text()
    steps = [script.index(step) for step in (
        'tmp="$(mktemp -d', '.ci/copy-repo "$copy"', 'test ! -e "$tmp/shared"', 'cd "$copy"',
        "env -u GLOSS_DATABASE_URL make test", 'GLOSS_DATABASE_URL="postgresql+psycopg://')]
    assert steps == sorted(steps)
    assert script.count("make test") == 2 + script.count("== make test")
    assert not re.search(r"^\s*make test", script[:steps[3]], re.M)  # nothing runs in the checkout itself
