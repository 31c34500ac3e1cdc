"""schema/openapi.json is generated from the code and must stay in step with it."""
import json
from pathlib import Path

from server.openapi import api_routes, build_spec, render, wallabag_routes
from server.wallabag.openapi import documented_routes

SCHEMA = Path(__file__).resolve().parents[2] / "schema" / "openapi.json"


def test_committed_document_is_up_to_date():
    assert SCHEMA.exists(), "run `make openapi`"
    assert SCHEMA.read_text() == render(), "schema/openapi.json is stale: run `make openapi`"


def _is_wallabag(item: dict) -> bool:
    return "servers" in item


def test_every_api_route_is_documented(app):
    documented = {(path, method) for path, ops in build_spec()["paths"].items() if not _is_wallabag(ops)
                  for method in ops if method != "parameters"}
    assert api_routes(app) == documented


def test_every_wallabag_route_is_documented_under_its_server(app):
    assert wallabag_routes(app) == documented_routes()
    paths = build_spec()["paths"]
    assert paths["/entries"]["servers"] == [{"url": "/api"}]
    assert paths["/token"]["servers"] == [{"url": "/oauth/v2"}]
    assert set(paths["/token"]) == {"get", "post", "servers"}


def test_page_schema_has_the_contract_fields():
    page = build_spec()["components"]["schemas"]["Page"]["properties"]
    for field in ("id", "url", "title", "author", "published", "site_name", "language", "image", "excerpt",
                  "word_count", "reading_minutes", "text", "html", "tags", "highlights", "saved_at",
                  "updated_at", "notice", "state"):
        assert field in page
    json.dumps(build_spec())


def test_every_operation_documents_the_errors_it_can_answer():
    for path, ops in build_spec()["paths"].items():
        for method, op in ops.items():
            if method in ("parameters", "servers"):
                continue
            codes = set(op["responses"])
            if _is_wallabag(ops):  # bearer tokens only: no session, so no CSRF 403
                if op.get("security") != []:
                    assert {"400", "401"} <= codes, (path, method)
                if "{" in path:
                    assert "404" in codes, (path, method)
                if "requestBody" in op:
                    assert {"413", "422"} <= codes, (path, method)
                continue
            if op.get("security") != []:
                assert {"401"} <= codes, (path, method)
                if method in ("post", "put", "patch", "delete"):
                    assert "403" in codes, (path, method)  # a session cookie without its CSRF header
            if "{" in path:
                assert "404" in codes, (path, method)
            if "requestBody" in op:
                assert {"400", "413", "415", "422"} <= codes, (path, method)


def test_limit_bounds_agree_with_the_document(alice):
    limit = next(p for p in build_spec()["paths"]["/pages"]["get"]["parameters"] if p["name"] == "limit")
    assert limit["schema"]["minimum"] == 1
    for path in ("/api/v1/pages", "/api/v1/highlights"):
        for bad in ("0", "-3", "x"):
            r = alice.get(f"{path}?limit={bad}")
            assert r.status_code == 400 and r.json["error"]["code"] == "bad_request", (path, bad)
        assert alice.get(f"{path}?limit=1").status_code == 200
        assert alice.get(f"{path}?limit=5000").status_code == 200


def test_json_exports_are_described_as_json():
    content = build_spec()["paths"]["/export"]["get"]["responses"]["200"]["content"]
    for mimetype, body in content.items():
        if "json" in mimetype:
            assert body["schema"] == {"type": "object"}, mimetype
        else:
            assert body["schema"]["type"] == "string", mimetype
