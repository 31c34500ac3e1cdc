"""`make test`'s runner: reads each step's results from its output and ends with one
summary line; its exit status says whether anything failed."""
from __future__ import annotations

import sys

import pytest

from scripts.run_tests import (
    Outcome,
    Step,
    chosen_steps,
    read_lint,
    read_mypy,
    read_node,
    read_pytest,
    read_ruff,
    run_all,
    summary_line,
)

PYTEST_GREEN = """........................................................................ [ 98%]
............                                                             [100%]
812 passed, 5 skipped in 301.22s (0:05:01)
"""
PYTEST_RED = """..F.....E
=========================== short test summary info ============================
FAILED tests/web/test_reader.py::test_x - AssertionError: assert 1 == 2
ERROR tests/web/test_reader.py::test_y - RuntimeError
2 failed, 800 passed, 1 error in 99.00s
"""
PYTEST_BROKEN = """ImportError while loading conftest '/somewhere/tests/conftest.py'.
tests/conftest.py:10: in <module>
    import nothing_here
"""
NODE_TAP = """ok 32 - settings
1..32
# tests 107
# suites 8
# pass 107
# fail 0
# cancelled 0
# skipped 0
# todo 0
# duration_ms 5943.96
"""
NODE_SPEC_RED = """✖ queue (12ms)
ℹ tests 10
ℹ suites 2
ℹ pass 8
ℹ fail 2
ℹ cancelled 0
ℹ skipped 1
ℹ todo 0
"""
LINT = """Validation Summary:

errors          0
notices         0
warnings        1

WARNINGS:

Code                                Message       Description              Fil
BACKGROUND_SERVICE_WORKER_IGNORED   Unsupported   The                      man
"""
RUFF_CLEAN = "All checks passed!\n"
RUFF_RED = """server/a.py:3:8: F401 [*] `os` imported but unused
server/b.py:9:1: E741 Ambiguous variable name: `l`
Found 2 errors.
[*] 1 fixable with the `--fix` option.
"""
MYPY_CLEAN = "Success: no issues found in 226 source files\n"
MYPY_RED = """server/a.py:12: error: Item "None" of "str | None" has no attribute "strip"  [union-attr]
Found 1 error in 1 file (checked 226 source files)
"""
MYPY_CRASHED = "mypy: can't read file 'nowhere': No such file or directory\n"


def test_pytest_counts_are_read_from_its_last_line():
    green = read_pytest(PYTEST_GREEN, 0)
    assert (green.passed, green.failed, green.skipped, green.ok) == (812, 0, 5, True)
    red = read_pytest(PYTEST_RED, 1)
    assert (red.passed, red.failed, red.ok) == (800, 3, False)
    broken = read_pytest(PYTEST_BROKEN, 4)
    assert (broken.counted, broken.ok) == (False, False)


def test_node_counts_from_either_reporter():
    tap = read_node(NODE_TAP, 0)
    assert (tap.passed, tap.failed, tap.ok) == (107, 0, True)
    spec = read_node(NODE_SPEC_RED, 1)
    assert (spec.passed, spec.failed, spec.skipped, spec.ok) == (8, 2, 1, False)
    assert read_node("node: bad option: --tset\n", 9).counted is False


def test_lint_errors_are_read_from_the_validation_summary():
    assert (read_lint(LINT, 0).errors, read_lint(LINT, 0).ok) == (0, True)
    bad = read_lint(LINT.replace("errors          0", "errors          3"), 1)
    assert (bad.errors, bad.ok) == (3, False)


def test_ruff_and_mypy_errors_are_read_from_their_last_line():
    assert (read_ruff(RUFF_CLEAN, 0).errors, read_ruff(RUFF_CLEAN, 0).ok) == (0, True)
    assert (read_ruff(RUFF_RED, 1).errors, read_ruff(RUFF_RED, 1).ok) == (2, False)
    assert (read_mypy(MYPY_CLEAN, 0).errors, read_mypy(MYPY_CLEAN, 0).ok) == (0, True)
    assert (read_mypy(MYPY_RED, 1).errors, read_mypy(MYPY_RED, 1).ok) == (1, False)
    crashed = read_mypy(MYPY_CRASHED, 2)
    assert (crashed.counted, crashed.ok) == (False, False)


def test_the_summary_line():
    green = [read_pytest(PYTEST_GREEN, 0), read_node(NODE_TAP, 0), read_lint(LINT, 0),
             read_ruff(RUFF_CLEAN, 0), read_mypy(MYPY_CLEAN, 0)]
    assert summary_line(green) == ("total: 919 passed, 0 failed, 5 skipped "
                                   "(python 812, extension 107, lint 0 errors (web-ext 0, ruff 0, mypy 0))")
    red = [read_pytest(PYTEST_RED, 1), read_node(NODE_SPEC_RED, 1), read_lint(LINT.replace(" 0\n", " 1\n", 1), 1),
           read_ruff(RUFF_RED, 1), read_mypy(MYPY_CRASHED, 2)]
    assert summary_line(red) == ("total: 808 passed, 5 failed, 1 skipped "
                                 "(python 800 passed 3 failed, extension 8 passed 2 failed, "
                                 "lint 3 errors (web-ext 1, ruff 2, mypy gave no results (exit status 2)))")
    broken = [read_pytest(PYTEST_BROKEN, 4), Outcome("extension", passed=3, exit_code=1)]
    assert summary_line(broken) == ("total: 3 passed, 0 failed "
                                    "(python 0 gave no results (exit status 4), extension 3 exited with status 1)")


def canned(output: str, exit_code: int) -> list[str]:
    return [sys.executable, "-c", f"import sys; sys.stdout.write({output!r}); sys.exit({exit_code})"]


@pytest.mark.parametrize(("python_exit", "lint_output", "mypy_output", "expected"), [
    (0, LINT, MYPY_CLEAN, 0),
    (1, LINT, MYPY_CLEAN, 1),
    (0, LINT.replace("errors          0", "errors          2"), MYPY_CLEAN, 1),
    (0, LINT, MYPY_RED, 1),
])
def test_the_runner_runs_every_step_ends_with_the_summary_and_fails_when_anything_failed(
        capsys, tmp_path, python_exit, lint_output, mypy_output, expected):
    steps: list[Step] = [
        ("python", canned(PYTEST_GREEN if python_exit == 0 else PYTEST_RED, python_exit), read_pytest),
        ("extension", canned(NODE_TAP, 0), read_node),
        ("web-ext", canned(lint_output, 0), read_lint),
        ("ruff", canned(RUFF_CLEAN, 0), read_ruff),
        ("mypy", canned(mypy_output, 0), read_mypy)]
    assert run_all(steps, cwd=tmp_path) == expected
    out = capsys.readouterr().out
    assert "# pass 107" in out and "Validation Summary" in out  # each step's own output is shown
    last = out.rstrip("\n").splitlines()[-1]
    assert last.startswith("total: ") and "extension 107" in last and "(web-ext " in last


def test_only_runs_the_steps_named():
    assert [step[0] for step in chosen_steps("lint")] == ["web-ext", "ruff", "mypy"]
    assert [step[0] for step in chosen_steps("mypy,python")] == ["python", "mypy"]
    assert len(chosen_steps(None)) == 5
    with pytest.raises(SystemExit):
        chosen_steps("pyton")


def test_a_step_that_cannot_start_fails_the_run(capsys, tmp_path):
    steps: list[Step] = [("extension", [str(tmp_path / "no-such-program")], read_node)]
    assert run_all(steps, cwd=tmp_path) == 1
    assert capsys.readouterr().out.rstrip().splitlines()[-1] == \
        "total: 0 passed, 0 failed (extension 0 gave no results (exit status 127))"
