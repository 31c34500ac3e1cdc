"""Runs every test (`make test`): the Python suite, the extension's tests, then the lint
(web-ext lint of the extension, ruff and mypy over the Python code), each shown as it runs,
then ends with one line of what ran and passed:

    total: 919 passed, 0 failed (python 812, extension 107, lint 0 errors (web-ext 0, ruff 0, mypy 0))

Every step runs even when one fails; the exit status is non-zero when anything failed
(a test, a lint or type error, or a step that stopped without its results).

    .venv/bin/python scripts/run_tests.py               # everything
    .venv/bin/python scripts/run_tests.py --only lint   # web-ext, ruff and mypy (`make lint`)
    .venv/bin/python scripts/run_tests.py --only ruff,mypy
"""
from __future__ import annotations

import argparse
import re
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


@dataclass
class Outcome:
    """What one step reported: counts of tests (or, for the lint, of errors)."""

    name: str
    passed: int = 0
    failed: int = 0
    skipped: int = 0
    errors: int = 0  # lint errors
    exit_code: int = 0
    counted: bool = True  # False when its output held no results to read
    lint: bool = False  # a lint step: its errors are summed into the line's `lint` part

    @property
    def ok(self) -> bool:
        return self.exit_code == 0 and self.counted and not self.failed and not self.errors


PYTEST_COUNT = re.compile(r"(\d+) (passed|failed|errors?|skipped|xfailed|xpassed)\b")
NODE_COUNT = re.compile(r"^(?:#|ℹ)\s*(pass|fail|cancelled|skipped|todo)\s+(\d+)\s*$", re.M)
LINT_ERRORS = re.compile(r"^errors\s+(\d+)\s*$", re.M)
RUFF_ERRORS = re.compile(r"^Found (\d+) errors?\.|^(All checks passed!)", re.M)
MYPY_ERRORS = re.compile(r"^Found (\d+) errors? in \d+ files?|^(Success: no issues found)", re.M)


def read_pytest(output: str, exit_code: int) -> Outcome:
    """pytest's last summary line: `3 failed, 805 passed, 4 skipped in 98.1s`."""
    outcome = Outcome("python", exit_code=exit_code)
    lines = [line for line in output.splitlines() if PYTEST_COUNT.search(line) and re.search(r"\bin [\d.]+s", line)]
    if not lines:
        outcome.counted = False
        return outcome
    for number, word in PYTEST_COUNT.findall(lines[-1]):
        if word == "passed" or word == "xfailed":
            outcome.passed += int(number)
        elif word in ("failed", "error", "errors", "xpassed"):
            outcome.failed += int(number)
        elif word == "skipped":
            outcome.skipped += int(number)
    return outcome


def read_node(output: str, exit_code: int) -> Outcome:
    """node --test's closing counts (`# pass 107`, or `ℹ pass 107` from its spec reporter)."""
    outcome = Outcome("extension", exit_code=exit_code)
    found = {word: int(number) for word, number in NODE_COUNT.findall(output)}
    if "pass" not in found:
        outcome.counted = False
        return outcome
    outcome.passed = found["pass"]
    outcome.failed = found.get("fail", 0) + found.get("cancelled", 0)
    outcome.skipped = found.get("skipped", 0) + found.get("todo", 0)
    return outcome


def read_lint(output: str, exit_code: int) -> Outcome:
    """web-ext lint's validation summary (`errors 0`)."""
    outcome = Outcome("web-ext", exit_code=exit_code, lint=True)
    found = LINT_ERRORS.findall(output)
    if not found:
        outcome.counted = False
        return outcome
    outcome.errors = int(found[-1])
    return outcome


def _read_count(name: str, pattern: re.Pattern[str], output: str, exit_code: int) -> Outcome:
    """A linter's closing line: its count of errors, or its words for none."""
    outcome = Outcome(name, exit_code=exit_code, lint=True)
    found = pattern.findall(output)
    if not found:
        outcome.counted = False
        return outcome
    number, clean = found[-1]
    outcome.errors = 0 if clean else int(number)
    return outcome


def read_ruff(output: str, exit_code: int) -> Outcome:
    """ruff check's last line: `Found 3 errors.` or `All checks passed!`."""
    return _read_count("ruff", RUFF_ERRORS, output, exit_code)


def read_mypy(output: str, exit_code: int) -> Outcome:
    """mypy's last line: `Found 3 errors in 2 files (checked 226 source files)` or `Success: ...`."""
    return _read_count("mypy", MYPY_ERRORS, output, exit_code)


def _part(outcome: Outcome) -> str:
    if outcome.lint:
        said = f"{outcome.name} {outcome.errors}" if outcome.counted else outcome.name
    else:
        said = f"{outcome.name} {outcome.passed}"
        if outcome.failed:
            said += f" passed {outcome.failed} failed"
    if not outcome.counted:
        said += f" gave no results (exit status {outcome.exit_code})"
    elif outcome.exit_code and not (outcome.failed or outcome.errors):
        said += f" exited with status {outcome.exit_code}"
    return said


def _lint_part(lints: list[Outcome]) -> str:
    errors = sum(o.errors for o in lints)
    return f"lint {errors} error{'' if errors == 1 else 's'} ({', '.join(_part(o) for o in lints)})"


def summary_line(outcomes: list[Outcome]) -> str:
    passed = sum(o.passed for o in outcomes)
    failed = sum(o.failed for o in outcomes)
    skipped = sum(o.skipped for o in outcomes)
    total = f"total: {passed} passed, {failed} failed"
    if skipped:
        total += f", {skipped} skipped"
    parts = [_part(o) for o in outcomes if not o.lint]
    lints = [o for o in outcomes if o.lint]
    if lints:
        parts.append(_lint_part(lints))
    return f"{total} ({', '.join(parts)})"


Step = tuple[str, list[str], Callable[[str, int], Outcome]]

STEPS: list[Step] = [
    ("python", [sys.executable, "-m", "pytest", "-q"], read_pytest),
    ("extension", ["node", "--test", "tests/extension/"], read_node),
    ("web-ext", ["npm", "run", "--silent", "lint:extension"], read_lint),
    # ruff and mypy read their settings (rules, files) from pyproject.toml.
    ("ruff", [sys.executable, "-m", "ruff", "check", "--no-fix", "--output-format", "concise"], read_ruff),
    ("mypy", [sys.executable, "-m", "mypy"], read_mypy),
]
LINT_STEPS = ("web-ext", "ruff", "mypy")


def run_step(command: list[str], cwd: Path) -> tuple[str, int]:
    """Runs the command with its output shown as it comes, and kept to be read."""
    kept: list[str] = []
    try:
        process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                   text=True, errors="replace", bufsize=1)
    except OSError as exc:
        message = f"could not run {command[0]}: {exc}\n"
        sys.stdout.write(message)
        return message, 127
    with process:
        assert process.stdout is not None
        for line in process.stdout:
            sys.stdout.write(line)
            kept.append(line)
    return "".join(kept), process.returncode


def run_all(steps: list[Step] = STEPS, cwd: Path = ROOT) -> int:
    outcomes = []
    for name, command, read in steps:
        print(f"== {name}: {' '.join(command)}", flush=True)
        output, exit_code = run_step(command, cwd)
        outcomes.append(read(output, exit_code))
    sys.stdout.flush()
    print(summary_line(outcomes), flush=True)
    return 0 if all(o.ok for o in outcomes) else 1


def chosen_steps(only: str | None, steps: list[Step] = STEPS) -> list[Step]:
    """The steps named in `--only` (`lint` names the three lint steps), in their usual order."""
    if not only:
        return steps
    names: set[str] = set()
    for name in only.split(","):
        names.update(LINT_STEPS if name == "lint" else [name])
    unknown = names - {step[0] for step in steps}
    if unknown:
        raise SystemExit(f"no step named {', '.join(sorted(unknown))} (steps: {', '.join(s[0] for s in steps)}, lint)")
    return [step for step in steps if step[0] in names]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Runs every test and lint, then one summary line.")
    parser.add_argument("--only", metavar="STEP[,STEP]",
                        help="run only these steps: python, extension, web-ext, ruff, mypy, or lint (the last three)")
    args = parser.parse_args(argv)
    return run_all(chosen_steps(args.only))


if __name__ == "__main__":
    sys.exit(main())
