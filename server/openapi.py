"""The OpenAPI document, built from the marshmallow schemas and the API routes.

`python -m server.openapi > schema/openapi.json` writes it; a test fails when
the committed file is out of date.
"""
from __future__ import annotations

import json
import re

from apispec import APISpec
from apispec.ext.marshmallow import MarshmallowPlugin

from . import schemas
from .version import __version__
from .limits import MAX_ID
from .services import export as export_service
from .services.epub import MEDIA_TYPE
from .services import importers

ERROR = {"description": "Error", "content": {"application/json": {"schema": "Error"}}}


def _json(schema: str, description: str = "OK") -> dict:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def _errors(*codes: int) -> dict:
    return {str(c): ERROR for c in codes}


def _query(schema) -> list[dict]:
    return [{"in": "query", "schema": schema}]


def _body(schema: str) -> dict:
    return {"required": True, "content": {"application/json": {"schema": schema}}}


def _id(name: str) -> dict:
    return {"in": "path", "name": name, "required": True,
            "schema": {"type": "integer", "minimum": 0, "maximum": MAX_ID}}


# path -> method -> (summary, operation details). The API's routes are checked
# against this table by the test that keeps schema/openapi.json in sync.
def _operations() -> dict:
    auth_errors = _errors(401, 404)
    return {
        "/server": {"get": dict(summary="Identify the server", security=[],
                                responses={"200": _json("ServerInfo")})},
        "/tokens": {"post": dict(summary="Sign in with username and password; get an API token",
                                 security=[], requestBody=_body("TokenRequest"),
                                 responses={"201": _json("Token", "Created"), **_errors(400, 401, 422, 429)})},
        "/login-links": {"post": dict(summary="A single-use link (60 s) that signs a browser in",
                                      requestBody=_body("LoginLinkRequest"),
                                      responses={"201": _json("LoginLink", "Created"), **auth_errors})},
        "/pages": {
            "get": dict(summary="List pages, newest first; q searches", parameters=_query(schemas.PageListQuerySchema),
                        responses={"200": _json("PageList"), **_errors(400, 401)}),
            "post": dict(summary="Save a page (gzip body accepted), or, without html, save a link that "
                                 "Gloss fetches in the background", requestBody=_body("PageCreate"),
                         responses={"201": _json("Page", "Created"),
                                    "200": _json("Page", "Re-saved, or the link's article already saved"),
                                    "202": _json("Page", "The link's fetch was queued: the page is \"fetching\""),
                                    **_errors(400, 401, 413, 415, 422)}),
        },
        "/pages/fetch-links": {"post": dict(
            summary="Fetch, in the background, the articles of the caller's pages saved as links "
                    "(imported, or whose fetch failed); highlights re-anchor as they arrive",
            responses={"202": _json("Job", "Queued (Location: the job)"), **_errors(401, 403)})},
        "/pages/reextract": {"post": dict(
            summary="Extract every article of the caller's again from its stored HTML, in the background",
            responses={"202": _json("Job", "Queued (Location: the job)"), **_errors(401, 403)})},
        "/jobs": {"get": dict(summary="The caller's recent background jobs, newest first",
                              responses={"200": _json("JobList"), **_errors(401)})},
        "/jobs/{job_id}": {"parameters": [_id("job_id")], "get": dict(
            summary="A background job's state and progress, and its result once done",
            responses={"200": _json("Job"), **auth_errors})},
        "/pages/lookup": {"get": dict(summary="The caller's page saved from a URL",
                                      parameters=_query(schemas.LookupQuerySchema),
                                      responses={"200": _json("Page"), **auth_errors})},
        "/pages/{page_id}": {
            "parameters": [_id("page_id")],
            "get": dict(summary="A page with its highlights", responses={"200": _json("Page"), **auth_errors}),
            "patch": dict(summary="Mark read/unread, reading progress", requestBody=_body("PageUpdate"),
                          responses={"200": _json("Page"), **_errors(400, 401, 403, 404, 422)}),
            "delete": dict(summary="Delete a page", responses={"204": {"description": "Deleted"}, **auth_errors}),
        },
        "/pages/{page_id}/tags": {
            "parameters": [_id("page_id")],
            "put": dict(summary="Replace a page's tags", requestBody=_body("TagsUpdate"),
                        responses={"200": _json("Page"), **_errors(400, 401, 403, 404, 422)}),
        },
        "/pages/{page_id}/highlights": {
            "parameters": [_id("page_id")],
            "post": dict(summary="Highlight a passage of a page", requestBody=_body("HighlightCreate"),
                         responses={"201": _json("Highlight", "Created"), **_errors(400, 401, 403, 404, 422)}),
        },
        "/highlights": {"get": dict(summary="List highlights, newest first",
                                    parameters=_query(schemas.HighlightListQuerySchema),
                                    responses={"200": _json("HighlightList"), **_errors(400, 401, 404)})},
        "/highlights/{highlight_id}": {
            "parameters": [_id("highlight_id")],
            "get": dict(summary="A highlight", responses={"200": _json("Highlight"), **auth_errors}),
            "patch": dict(summary="Edit note, color, tags", requestBody=_body("HighlightUpdate"),
                          responses={"200": _json("Highlight"), **_errors(400, 401, 403, 404, 422)}),
            "delete": dict(summary="Delete a highlight",
                           responses={"204": {"description": "Deleted"}, **auth_errors}),
        },
        "/review": {"get": dict(
            summary="The day's review: highlights due today (earliest first), then new ones, at "
                    "most the day's allowance of new highlights; optionally of one tag or page",
            parameters=_query(schemas.ReviewQuerySchema),
            responses={"200": _json("ReviewSession"), **_errors(400, 401, 404)})},
        "/highlights/{highlight_id}/review": {
            "parameters": [_id("highlight_id")],
            "get": dict(summary="Where a highlight stands in the review",
                        responses={"200": _json("ReviewCard"), **auth_errors}),
            "post": dict(summary="Answer a highlight in the review (again, hard, good, easy); FSRS sets "
                                 "when it comes back", requestBody=_body("ReviewAnswer"),
                         responses={"200": _json("ReviewCard"), **_errors(400, 401, 403, 404, 422)}),
            "patch": dict(summary="Favourite a highlight (it comes back more often) or retire it from "
                                  "review", requestBody=_body("ReviewFlags"),
                          responses={"200": _json("ReviewCard"), **_errors(400, 401, 403, 404, 422)}),
        },
    }


# Nested schemas come before the schemas that use them, so they are referenced by name.
COMPONENTS = {
    "ErrorBody": schemas.ErrorBodySchema, "Error": schemas.ErrorSchema,
    "ServerInfo": schemas.ServerInfoSchema,
    "TokenRequest": schemas.TokenRequestSchema, "Token": schemas.TokenSchema,
    "LoginLinkRequest": schemas.LoginLinkRequestSchema, "LoginLink": schemas.LoginLinkSchema,
    "Highlight": schemas.HighlightSchema, "HighlightCreate": schemas.HighlightCreateSchema,
    "HighlightUpdate": schemas.HighlightUpdateSchema, "HighlightList": schemas.HighlightListSchema,
    "PageCreate": schemas.PageCreateSchema, "PageUpdate": schemas.PageUpdateSchema,
    "TagsUpdate": schemas.TagsUpdateSchema, "Page": schemas.PageSchema,
    "PageListItem": schemas.PageListItemSchema, "PageList": schemas.PageListSchema,
    "Job": schemas.JobSchema, "JobList": schemas.JobListSchema,
    "ReviewCard": schemas.ReviewCardSchema, "ReviewAnswer": schemas.ReviewAnswerSchema,
    "ReviewFlags": schemas.ReviewFlagsSchema, "ReviewContext": schemas.ReviewContextSchema,
    "ReviewItem": schemas.ReviewItemSchema, "ReviewSession": schemas.ReviewSessionSchema,
    "ImportReport": schemas.ImportReportSchema,
}

_FILE = {"schema": {"type": "string", "format": "binary"}}


def _export_body(mimetype: str) -> dict:
    """JSON exports are JSON documents, CSV is text, the Markdown zip is binary."""
    if "json" in mimetype:
        return {"schema": {"type": "object"}}
    if mimetype.startswith("text/"):
        return {"schema": {"type": "string"}}
    return _FILE


_EPUB = {"description": "An EPUB 3 book (Content-Disposition: attachment)",
         "content": {MEDIA_TYPE: {"schema": {"type": "string", "format": "binary"}}}}


def _file_operations() -> dict:
    """Books, the export download and the import upload: their bodies are files."""
    return {
        "/pages/{page_id}/book.epub": {"parameters": [_id("page_id")], "get": {
            "summary": "The page as an EPUB 3 book (images inside, highlights marked, notes as footnotes)",
            "responses": {"200": _EPUB, **_errors(401, 404)}}},
        "/books.epub": {"get": {
            "summary": "A tag, the unread pages or a search as one EPUB 3 book (at most GLOSS_MAX_BOOK_PAGES "
                       "pages, newest first; best first for a search)",
            "parameters": _query(schemas.BookQuerySchema),
            "responses": {"200": _EPUB, **_errors(400, 401, 404, 422)}}},
        "/export": {"get": {
            "summary": "Everything of the caller's, streamed as a download",
            "parameters": [{"in": "query", "name": "format", "required": False,
                            "schema": {"type": "string", "enum": list(export_service.FORMATS), "default": "json"}}],
            "responses": {"200": {"description": "The export file (Content-Disposition: attachment)",
                                  "content": {f.mimetype: _export_body(f.mimetype)
                                              for f in export_service.FORMATS.values()}},
                          **_errors(400, 401)}}},
        "/import": {"post": {
            "summary": "Import a Gloss JSON export, or an Omnivore, Hypothesis or Pocket export",
            "parameters": [{"in": "query", "name": "format", "required": False,
                            "schema": {"type": "string", "enum": list(importers.FORMATS)}}],
            "requestBody": {"required": True, "content": {
                t: _FILE for t in ("application/json", "application/zip", "text/html", "text/csv")}},
            "responses": {"202": _json("Job", "Queued: poll the job; its result is an ImportReport"),
                          **_errors(400, 401, 403, 413, 415, 422)}}},
    }


UNSAFE_METHODS = ("post", "put", "patch", "delete")

# What a created resource's id can be used for next (OpenAPI links): response field -> the
# operations that take it, as (path, method, parameter).
_PAGE_OPS = [("/pages/{page_id}", m, "page_id") for m in ("get", "patch", "delete")] + [
    ("/pages/{page_id}/tags", "put", "page_id"), ("/pages/{page_id}/highlights", "post", "page_id")]
_HIGHLIGHT_OPS = [("/highlights/{highlight_id}", m, "highlight_id") for m in ("get", "patch", "delete")]
_JOB_OPS = [("/jobs/{job_id}", "get", "job_id")]
LINKS = {
    ("/pages", "post"): _PAGE_OPS,
    ("/pages/{page_id}/highlights", "post"): _HIGHLIGHT_OPS,
    ("/import", "post"): _JOB_OPS,
    ("/pages/fetch-links", "post"): _JOB_OPS,
    ("/pages/reextract", "post"): _JOB_OPS,
}


def _pointer(path: str) -> str:
    return path.replace("~", "~0").replace("/", "~1")


def _with_links(path: str, method: str, op: dict) -> dict:
    targets = LINKS.get((path, method))
    if not targets:
        return op
    links = {}
    for target, target_method, param in targets:
        name = target_method.capitalize() + "".join(
            part.strip("{}").replace("_", " ").title().replace(" ", "") for part in target.split("/"))
        links[name] = {"operationRef": f"#/paths/{_pointer(target)}/{target_method}",
                       "parameters": {param: "$response.body#/id"}}
    responses = {code: dict(resp, links=links) if code.startswith("2") else resp
                 for code, resp in op["responses"].items()}
    return dict(op, responses=responses)


def _with_standard_errors(path: str, method: str, op: dict) -> dict:
    """The operation with every error status the shared machinery can answer it with:
    401 without credentials, 403 for a session without its CSRF header, 404 for an id
    that is not the caller's, 400/413/415/422 for a body, 400/422 for a query string, and
    414 from the WSGI server when parameters make the request line too long."""
    public = op.get("security") == []
    codes = set()
    if not public:
        codes.add(401)
        if method in UNSAFE_METHODS:
            codes.add(403)
    if "{" in path:
        codes.add(404)
    if op.get("requestBody"):
        codes |= {400, 413, 415, 422}
    if any(p.get("in") == "query" for p in op.get("parameters", [])):
        codes |= {400, 414, 422}
    if "{" in path:
        codes |= {400, 414}  # also a NUL or an unpaired surrogate in the path
    responses = dict(op["responses"])
    for code in sorted(codes):
        responses.setdefault(str(code), ERROR)
    return dict(op, responses=dict(sorted(responses.items())))


def build_spec() -> dict:
    spec = APISpec(
        title="Gloss API", version=__version__, openapi_version="3.0.3",
        info={"description": "Save pages, highlight them, search and export. "
                             "Errors are {\"error\": {\"code\", \"message\", \"details\"?}}. "
                             "No text may hold a NUL byte or an unpaired surrogate: such a request is "
                             "refused, never stripped (400 in the path or query, 422 in a JSON string)."},
        servers=[{"url": "/api/v1"}],
        plugins=[MarshmallowPlugin()],
    )
    spec.components.security_scheme("bearer", {"type": "http", "scheme": "bearer"})
    spec.components.security_scheme("session", {"type": "apiKey", "in": "cookie", "name": "session",
                                                "description": "Web UI session; unsafe methods also "
                                                               "need the X-CSRF-Token header."})
    for name, schema in COMPONENTS.items():
        spec.components.schema(name, schema=schema)
    for path, ops in {**_operations(), **_file_operations()}.items():
        ops = dict(ops)
        parameters = ops.pop("parameters", None)
        ops = {method: _with_links(path, method, _with_standard_errors(path, method, op))
               for method, op in ops.items()}
        spec.path(path=path, parameters=parameters, operations=ops)
    _add_wallabag(spec)
    doc = spec.to_dict()
    doc["security"] = [{"bearer": []}, {"session": []}]
    return doc


def _add_wallabag(spec: APISpec) -> None:
    """Wallabag's API v2 (its own errors and OAuth2 tokens; its path items name their server)."""
    from .wallabag import openapi as wallabag

    spec.components.security_scheme("wallabag", {
        "type": "oauth2", "description": "Wallabag-compatible apps: an API client's id and secret with the "
                                         "user's password; access tokens last an hour",
        "flows": {"password": {"tokenUrl": "/oauth/v2/token", "refreshUrl": "/oauth/v2/token", "scopes": {}}}})
    for name, schema in wallabag.COMPONENTS.items():
        spec.components.schema(name, component=schema)
    for path, item in wallabag.operations().items():
        item = dict(item)
        servers, parameters = item.pop("servers"), item.pop("parameters", None)
        spec.path(path=path, parameters=parameters, operations=item)
        spec._paths[path]["servers"] = servers


def wallabag_routes(app) -> set[tuple[str, str]]:
    """(full path, method) of every Wallabag-compatible route but the `.json` aliases."""
    out = set()
    for rule in app.url_map.iter_rules():
        if rule.endpoint.startswith("wallabag.") and not rule.endpoint.endswith("_json"):
            path = re.sub(r"<(?:[^:>]+:)?([^>]+)>", r"{\1}", rule.rule)
            out |= {(path, m.lower()) for m in rule.methods - {"HEAD", "OPTIONS"}}
    return out


def api_routes(app) -> set[tuple[str, str]]:
    """(path, method) of every /api/v1 route, in OpenAPI path syntax."""
    out = set()
    for rule in app.url_map.iter_rules():
        if not rule.rule.startswith("/api/v1/"):
            continue
        path = re.sub(r"<(?:[^:>]+:)?([^>]+)>", r"{\1}", rule.rule[len("/api/v1"):])
        for method in rule.methods - {"HEAD", "OPTIONS"}:
            out.add((path, method.lower()))
    return out


def render() -> str:
    return json.dumps(build_spec(), indent=2, sort_keys=False) + "\n"


if __name__ == "__main__":
    # Run as a script this file is __main__; the routes register on the importable module.
    from server.openapi import render as render_registered

    print(render_registered(), end="")
