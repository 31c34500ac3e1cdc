"""A normal install (a built wheel, not this checkout) serves everything the web UI
needs, the reader's scripts shared with the extension included.

The wheel is built from a copy of the sources, installed with --no-deps into a new
virtualenv that sees this test environment's packages (no network), and started
as `gloss serve`; the reader view's scripts must load from it, byte for byte the
extension's files.
"""
from __future__ import annotations

import json
import re
import shutil
import site
import subprocess
import sys
import sysconfig
import urllib.request
from pathlib import Path

from tests.conftest import LiveServer, SEED_URL

ROOT = Path(__file__).resolve().parent.parent
SHARED_SCRIPTS = ROOT / "server" / "web" / "static" / "shared"
EXTENSION_CONTENT = ROOT / "extension" / "content"


def run(*command: str | Path, **kw) -> subprocess.CompletedProcess:
    result = subprocess.run([str(part) for part in command], capture_output=True, text=True, **kw)
    assert result.returncode == 0, f"{command} failed:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
    return result


def test_the_shared_scripts_are_the_extensions_own_files():
    """One source: the package's copies are links to the extension's files, not copies."""
    for script in SHARED_SCRIPTS.glob("*.js"):
        assert script.is_symlink(), f"{script.name} must be a link into extension/content, not a copy"
        assert script.resolve().parent == EXTENSION_CONTENT.resolve(), script.name
    assert {p.name for p in SHARED_SCRIPTS.glob("*.js")} == {"highlighter.js", "ui.js"}


def build_wheel(tmp: Path) -> Path:
    """Builds from a copy of the sources, so that nothing is written into the checkout."""
    source = tmp / "source"
    source.mkdir()
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    for name in ("server", "extension"):
        shutil.copytree(ROOT / name, source / name, symlinks=True, ignore=ignore)
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(ROOT / name, source / name)
    run(sys.executable, "-m", "pip", "wheel", "--quiet", "--no-build-isolation", "--no-deps",
        "--wheel-dir", tmp / "dist", source)
    (wheel,) = (tmp / "dist").glob("gloss-*.whl")
    return wheel


def make_venv(tmp: Path) -> Path:
    """A virtualenv that also sees this environment's packages (Flask and the rest) but
    not this checkout: its .pth lists site-packages folders, whose own .pth files (the
    editable install's finder among them) are not read."""
    venv = tmp / "venv"
    run(sys.executable, "-m", "venv", "--without-pip", "--system-site-packages", venv)
    python = venv / "bin" / "python"
    purelib = run(python, "-c", "import sysconfig; print(sysconfig.get_path('purelib'))").stdout.strip()
    ours = {sysconfig.get_path("purelib"), sysconfig.get_path("platlib"), *site.getsitepackages()}
    Path(purelib, "test-environment.pth").write_text("\n".join(sorted(ours)) + "\n")
    return venv


def test_a_wheel_install_serves_the_reader_and_its_scripts(tmp_path):
    wheel = build_wheel(tmp_path)
    venv = make_venv(tmp_path)
    python = venv / "bin" / "python"
    run(sys.executable, "-m", "pip", "--python", python, "install", "--quiet", "--no-deps", "--no-index", wheel)
    installed = run(python, "-c", "import server; print(server.__file__)", cwd=tmp_path).stdout.strip()
    assert Path(installed).is_relative_to(venv), f"gloss imported from {installed}, not from the wheel"

    (tmp_path / "run").mkdir()
    server = LiveServer(tmp_path / "run", gloss=[str(venv / "bin" / "gloss")])
    try:
        server.start()
        token = server.create_user("wheel")
        page = call(server.base, "POST", "/api/v1/pages", token,
                    {"url": SEED_URL,
                     "html": (ROOT / "tests" / "pages" / "code-and-table" / "source.html").read_text()})
        link = call(server.base, "POST", "/api/v1/login-links", token, {"page_id": page["id"]})["url"]
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor())
        # As a browser opening it from the extension (not from another site): signs in at once.
        with opener.open(urllib.request.Request(link, headers={"Sec-Fetch-Site": "none"}), timeout=30) as response:
            reader = response.read().decode()
            assert response.url.endswith(f"/pages/{page['id']}"), response.url
        scripts = re.findall(r'<script src="([^"]+)"', reader)
        assert {"/assets/shared/highlighter.js", "/assets/shared/ui.js", "/assets/reader.js"} <= set(scripts)
        for src in scripts:
            with opener.open(server.base + src, timeout=30) as response:
                assert response.status == 200, src
                assert response.headers["Content-Type"].startswith("text/javascript"), src
                body = response.read()
            name = src.rsplit("/", 1)[-1]
            expected = (EXTENSION_CONTENT if "/shared/" in src else ROOT / "server" / "web" / "static") / name
            assert body == expected.read_bytes(), f"{src} differs from {expected.relative_to(ROOT)}"
        with opener.open(server.base + "/assets/gloss.css", timeout=30) as response:
            assert response.status == 200
    finally:
        server.close()


def call(base: str, method: str, path: str, token: str, body: dict) -> dict:
    request = urllib.request.Request(base + path, data=json.dumps(body).encode(), method=method, headers={
        "Authorization": f"Bearer {token}", "Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=60) as response:
        return json.loads(response.read())

