"""Services flush, the edge commits (server/db.py): a service that ends transactions
itself says so in its docstring, so a caller never commits half of its work by surprise."""
from __future__ import annotations

import ast
from pathlib import Path

import server

SERVICES = Path(server.__file__).parent / "services"


def _ends_transactions(fn: ast.FunctionDef) -> bool:
    return any(isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
               and node.func.attr in ("commit", "rollback")
               and isinstance(node.func.value, ast.Name) and node.func.value.id == "session"
               for node in ast.walk(fn))


def test_services_that_commit_say_so():
    undocumented = []
    for path in sorted(SERVICES.glob("*.py")):
        for fn in ast.parse(path.read_text(encoding="utf-8")).body:
            if (isinstance(fn, ast.FunctionDef) and not fn.name.startswith("_") and _ends_transactions(fn)
                    and "Commits" not in (ast.get_docstring(fn) or "")):
                undocumented.append(f"{path.name}:{fn.name}")
    assert undocumented == []
