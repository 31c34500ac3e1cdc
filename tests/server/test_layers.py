"""The fronts of the app (the web UI, the OPDS catalog) share helpers through neutral
modules, never through the JSON API's package."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

import server

SERVER = Path(server.__file__).parent


def _imported_modules(path: Path) -> set[str]:
    """Modules a file imports, as absolute names under `server`."""
    package = ".".join(("server", *path.parent.relative_to(SERVER).parts))
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            base = package.rsplit(".", node.level - 1)[0] if node.level else ""
            module = ".".join(part for part in (base, node.module or "") if part)
            found.add(module)
            found.update(f"{module}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return found


@pytest.mark.parametrize("front", ["web", "opds"])
def test_a_front_does_not_import_the_api_package(front):
    for path in sorted((SERVER / front).rglob("*.py")):
        api = sorted(m for m in _imported_modules(path) if m == "server.api" or m.startswith("server.api."))
        assert not api, f"{path.relative_to(SERVER)} imports {api}"
