"""Domain errors know nothing of HTTP; the edge gives each code its status."""
from __future__ import annotations

import subprocess
import sys

from server import errors
from server.http_errors import STATUS_FOR_CODE, status_for


def _subclasses(cls: type[errors.GlossError]) -> list[type[errors.GlossError]]:
    found: list[type[errors.GlossError]] = []
    for sub in cls.__subclasses__():
        found += [sub, *_subclasses(sub)]
    return found


def test_the_domain_errors_import_neither_flask_nor_werkzeug():
    probe = ("import sys, server.errors; "
             "print(sorted(m for m in sys.modules if m.split('.')[0] in ('flask', 'werkzeug')))")
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_every_domain_error_has_a_status():
    import server.services.importers  # noqa: F401  (defines an error of its own)
    import server.wallabag.errors  # noqa: F401

    classes: list[type[errors.GlossError]] = [errors.GlossError, *_subclasses(errors.GlossError)]
    for cls in classes:
        assert cls.code in STATUS_FOR_CODE, cls


def test_statuses_are_the_contracts():
    assert status_for(errors.InvalidCredentials()) == 401
    assert status_for(errors.NoArticleFound()) == 422
    assert status_for(errors.RateLimited(retry_after=5)) == 429
    assert status_for(errors.UnsupportedMediaType()) == 415
