"""schema/openapi.json is generated from the code and must stay in step with it."""
import json
from pathlib import Path

from server.openapi import api_routes, build_spec, render

SCHEMA = Path(__file__).resolve().parents[2] / "schema" / "openapi.json"


def test_committed_document_is_up_to_date():
    assert SCHEMA.exists(), "run `make openapi`"
    assert SCHEMA.read_text() == render(), "schema/openapi.json is stale: run `make openapi`"


def test_every_api_route_is_documented(app):
    documented = {(path, method) for path, ops in build_spec()["paths"].items()
                  for method in ops if method != "parameters"}
    assert api_routes(app) == documented


def test_page_schema_has_the_contract_fields():
    page = build_spec()["components"]["schemas"]["Page"]["properties"]
    for field in ("id", "url", "title", "author", "published", "site_name", "language", "image", "excerpt",
                  "word_count", "reading_minutes", "text", "html", "tags", "highlights", "saved_at",
                  "updated_at", "notice", "state"):
        assert field in page
    json.dumps(build_spec())
