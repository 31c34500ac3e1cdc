"""`gloss serve` tunes glibc's allocator before its workers and job worker start."""
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SHOW = ("from server.wsgi_server import tune_malloc; import os; tune_malloc(); "
        "print(os.environ['MALLOC_ARENA_MAX'], os.environ['MALLOC_MMAP_THRESHOLD_'])")


def tuned(**env: str) -> list[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("MALLOC_")}
    done = subprocess.run([sys.executable, "-c", SHOW], env={**clean, **env}, cwd=ROOT, capture_output=True,
                          text=True, check=True, timeout=60)
    return done.stdout.split()


def test_the_processes_serve_starts_get_two_arenas_and_a_fixed_mmap_threshold():
    assert tuned() == ["2", "131072"]


@pytest.mark.parametrize(("env", "expected"), [
    ({"MALLOC_MMAP_THRESHOLD_": "65536"}, ["2", "65536"]),
    ({"MALLOC_ARENA_MAX": "4"}, ["4", "131072"]),
])
def test_settings_from_the_environment_win(env, expected):
    assert tuned(**env) == expected
