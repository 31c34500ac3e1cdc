"""The benches take their data as an option (--data DIR, or GLOSS_BENCH_DATA), say in one
sentence what they need when it is missing (exit status 2), and no file of the repository
names an absolute path of some machine."""
from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from lxml import html as lxml_html

from bench.common import DATA_ENV, DEFAULT_DATA, data_dir
from bench.extraction_data import (date_in_page, date_spellings, page_words, same_author, same_title, title_in_page,
                                   word_differences)

ROOT = Path(__file__).resolve().parent.parent
DATA_BENCHES = ["anchoring.py", "extraction.py", "metadata.py", "store.py", "load.py", "save_page.py",
                "create_highlight.py"]


def run_bench(name: str, *args: str, env: dict | None = None, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if k != DATA_ENV}
    return subprocess.run([sys.executable, str(ROOT / "bench" / name), *args], env={**clean, **(env or {})},
                          cwd=cwd, capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize("bench", DATA_BENCHES)
def test_a_bench_without_its_data_says_what_it_needs_and_exits_2(bench, tmp_path):
    missing = tmp_path / "no-such-folder"
    done = run_bench(bench, "--data", str(missing))
    assert done.returncode == 2, done.stderr[-2000:]
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    (sentence,) = lines
    assert sentence.startswith("This bench needs the benchmark data folder") and sentence.endswith(".")
    assert str(missing) in sentence and "aeb/" in sentence
    assert "--data DIR" in sentence and DATA_ENV in sentence and DEFAULT_DATA.as_posix() in sentence
    assert done.stdout == ""


def test_the_data_folder_can_come_from_the_environment(tmp_path):
    done = run_bench("anchoring.py", env={DATA_ENV: str(tmp_path / "elsewhere")}, cwd=tmp_path)
    assert done.returncode == 2 and str(tmp_path / "elsewhere") in done.stderr


def test_data_dir_prefers_the_option_then_the_environment(tmp_path, monkeypatch):
    for name in ("given", "from-env"):
        (tmp_path / name / "aeb").mkdir(parents=True)
        (tmp_path / name / "aeb" / "ground-truth.json").write_text("{}")
    monkeypatch.setenv(DATA_ENV, str(tmp_path / "from-env"))
    assert data_dir(tmp_path / "given", "aeb") == tmp_path / "given"
    assert data_dir(None, "aeb") == tmp_path / "from-env"
    with pytest.raises(SystemExit) as stopped:
        data_dir(None, "wcxb-dev")  # the folder is there, the set is not
    assert stopped.value.code == 2


MACHINE_PATH = re.compile(r"""["'`(=\s](/(?:work|home|root|Users|tmp|var|srv|mnt|opt|usr)/[\w.-]+)""")
SKIPPED_DIRS = {".git", ".venv", "node_modules", "gloss.egg-info", "build", "dist", "out", "__pycache__",
                ".pytest_cache", ".hypothesis", "instance"}
TEXT_SUFFIXES = {".py", ".js", ".mjs", ".json", ".md", ".toml", ".cfg", ".ini", ".yml", ".yaml", ".html",
                 ".css", ".sh", ".txt", ""}


def repository_files() -> list[Path]:
    files = []
    for folder, dirs, names in os.walk(ROOT):
        dirs[:] = [d for d in dirs if d not in SKIPPED_DIRS and not (Path(folder) / d).is_symlink()]
        for name in names:
            path = Path(folder) / name
            if path.suffix in TEXT_SUFFIXES and name not in (".git", "package-lock.json") and not path.is_symlink():
                files.append(path)
    return files


def test_no_file_names_an_absolute_path_of_a_machine():
    found = []
    for path in repository_files():
        if ROOT / "tests" / "pages" in path.parents or "fixtures" in path.parts:
            continue  # saved web pages as the sites served them, and what Gloss reads from them
        try:
            text = path.read_text(encoding="utf-8")
        except (UnicodeDecodeError, OSError):
            continue
        for match in MACHINE_PATH.finditer(text):
            found.append(f"{path.relative_to(ROOT)}: {match.group(1)}")
    assert found == []


def test_page_words_read_an_inline_element_as_a_block_of_its_own() -> None:
    words = page_words('<html><body><div><span>Up to</span><span>4<span>x</span></span> faster'
                       ' than <a href="/">the M1</a>model</div></body></html>')
    assert {"4x", "to4x", "M1model", "model", "the"} <= words  # as a block, joined, separated
    assert "faster4x" not in words


def test_titles_compare_a_typed_dash_and_symbols_that_are_no_words_fairly():
    assert same_title("itertools \u2014 Functions creating iterators", "itertools -- Functions creating iterators")
    assert same_title("Crusher\u00ae ANC 2", "Crusher ANC 2")
    assert same_title("Summit 24\u2122 Fire Pit", "Summit 24 Fire Pit")
    assert same_title("Digital Cameras: a status symbol? \U0001f914", "Digital Cameras: A status symbol?")
    assert same_title("\u201cTides\u201d \u2013 a guide.", '"tides" - A guide')
    assert not same_title("Tides - a guide", "Tides a guide")
    assert not same_title("Crusher ANC 2", "Crusher ANC")


def test_a_name_written_surname_first_is_the_name_in_reading_order():
    assert same_author("Jeff T. Kaufman", "Kaufman, Jeff T.")
    assert same_author("Ann Lee and Bo Chen", "Ann Lee, Bo Chen")
    assert not same_author("Jeff T. Kaufman", "Kaufman, Jeff T., Ann Lee")
    assert not same_author("Jeff Kaufman", "Kaufman, Jeff T.")


def test_a_true_date_is_found_written_in_the_usual_ways():
    for written in ('"datePublished": "2022-08-09T10:00:00Z"', "Posted on August 9th, 2022", "Aug. 9, 2022",
                    "9 August 2022", "09/08/2022", "8/9/2022", "09.08.2022"):
        assert date_in_page(f"<html><body><p>{written}</p></body></html>", "2022-08-09"), written
    assert not date_in_page("<p>Updated March 11, 2026</p>", "2022-08-09")
    assert date_spellings("2003-11") == set()  # no full date: no spelling of it is looked for


def test_a_true_title_is_found_written_whole():
    page = lxml_html.document_fromstring(
        "<html><head><title>Go ahead, self-host Postgres | Pierce Freeman</title>"
        "<meta property='og:title' content='Self-hosting Postgres'></head>"
        "<body><h1>Go <em>ahead</em>, self-host Postgres</h1></body></html>")
    assert title_in_page(page, "Go ahead, self-host Postgres")  # the heading's text, across its markup
    assert title_in_page(page, "Go ahead, self-host Postgres | Pierce Freeman")
    assert title_in_page(page, "Self-hosting Postgres")  # a meta tag's content
    assert not title_in_page(page, "Self-host Postgres")


def test_word_differences_are_the_runs_of_words_missed_and_added_in_reading_order():
    truth = ("Install it with pip. Note: the package needs Python 3.11 or later. "
             "Then run gloss serve and open the page.")
    found = "Home Docs Blog Install it with pip. Then run gloss-serve and open the page."
    missed, added = word_differences(found, truth)
    assert missed == [["note", "the", "package", "needs", "python", "3", "11", "or", "later"]]
    assert added == [["home", "docs", "blog"]]  # ("gloss serve" written "gloss-serve" is the same words)
    assert word_differences(found, truth, min_words=4)[1] == []
