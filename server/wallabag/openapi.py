"""The Wallabag-compatible paths in the OpenAPI document: each path item names its own
server (`/api`, or `/oauth/v2` for the token endpoint), as they live outside /api/v1.
Every /api path also answers with a `.json` suffix, as Wallabag's do."""
from __future__ import annotations

SECURITY: list[dict[str, list[str]]] = [{"wallabag": []}]
SERVERS = {"api": [{"url": "/api"}], "oauth": [{"url": "/oauth/v2"}]}

_STR, _INT, _BOOL01 = {"type": "string"}, {"type": "integer"}, {"type": "integer", "enum": [0, 1]}
_NSTR, _DATE = {"type": "string", "nullable": True}, {"type": "string", "example": "2026-12-04T03:44:42+0000"}
_NDATE = dict(_DATE, nullable=True)

COMPONENTS = {
    "WallabagError": {"type": "object", "required": ["error"], "properties": {"error": {
        "type": "object", "properties": {"code": _INT, "message": _STR}}}},
    "OAuthError": {"type": "object", "description": "FOSOAuth's errors (also a 401 on /api paths)",
                   "properties": {"error": {"type": "string", "enum": [
                       "invalid_request", "unsupported_grant_type", "invalid_client", "invalid_grant",
                       "access_denied"]}, "error_description": _STR}},
    "OAuthTokens": {"type": "object", "properties": {
        "access_token": _STR, "expires_in": _INT, "token_type": {"type": "string", "enum": ["bearer"]},
        "scope": _NSTR, "refresh_token": _STR}},
    "WallabagTag": {"type": "object", "properties": {"id": _INT, "label": _STR, "slug": _STR}},
    "WallabagTagCount": {"type": "object", "properties": {"id": _INT, "label": _STR, "slug": _STR,
                                                          "nbEntries": _INT}},
    "Annotation": {"type": "object", "description": "annotator.js; a Gloss highlight", "properties": {
        "id": _INT, "user": _STR, "annotator_schema_version": _STR, "text": _STR, "quote": _STR,
        "created_at": _DATE, "updated_at": _DATE,
        "ranges": {"type": "array", "description": "offsets into the article's plain text", "items": {
            "type": "object", "properties": {"start": _STR, "startOffset": _INT, "end": _STR, "endOffset": _INT}}}}},
    "AnnotationList": {"type": "object", "properties": {
        "total": _INT, "rows": {"type": "array", "items": {"$ref": "#/components/schemas/Annotation"}}}},
    "Entry": {"type": "object", "description": "A page; archived is read, starred the favourite flag",
              "properties": {
                  "id": _INT, "url": _STR, "hashed_url": _STR, "given_url": _STR, "hashed_given_url": _STR,
                  "origin_url": _NSTR, "title": _STR,
                  "content": dict(_NSTR, description="sanitized reader HTML; null with detail=metadata"),
                  "is_archived": _BOOL01, "is_starred": _BOOL01, "is_public": {"type": "boolean"},
                  "tags": {"type": "array", "items": {"$ref": "#/components/schemas/WallabagTag"}},
                  "annotations": {"type": "array", "items": {"$ref": "#/components/schemas/Annotation"}},
                  "created_at": _DATE, "updated_at": _DATE, "archived_at": _NDATE, "starred_at": _NDATE,
                  "published_at": _NSTR, "published_by": {"type": "array", "items": _STR},
                  "reading_time": _INT, "domain_name": _NSTR, "preview_picture": _NSTR, "mimetype": _NSTR,
                  "language": _NSTR, "http_status": _NSTR, "headers": {"type": "object", "nullable": True},
                  "user_name": _STR, "user_email": _STR, "user_id": _INT, "uid": _NSTR}},
    "EntryPage": {"type": "object", "description": "HAL paging", "properties": {
        "page": _INT, "limit": _INT, "pages": _INT, "total": _INT,
        "_links": {"type": "object", "properties": {
            k: {"type": "object", "properties": {"href": _STR}} for k in ("self", "first", "last", "next")}},
        "_embedded": {"type": "object", "properties": {
            "items": {"type": "array", "items": {"$ref": "#/components/schemas/Entry"}}}}}},
    "WallabagUser": {"type": "object", "properties": {"id": _INT, "username": _STR, "email": _STR, "name": _STR,
                                                      "created_at": _DATE, "updated_at": _DATE}},
    "WallabagInfo": {"type": "object", "properties": {"appname": _STR, "version": _STR,
                                                      "allowed_registration": {"type": "boolean"}}},
}


def _ref(name: str) -> dict:
    return {"$ref": f"#/components/schemas/{name}"}


def _ok(schema: dict, description: str = "OK", mimetype: str = "application/json") -> dict:
    return {"200": {"description": description, "content": {mimetype: {"schema": schema}}}}


def _err(*codes: int) -> dict:
    out = {str(c): {"description": "Error", "content": {"application/json": {"schema": _ref("WallabagError")}}}
           for c in codes}
    out["401"] = {"description": "No valid access token",
                  "content": {"application/json": {"schema": _ref("OAuthError")}}}
    return out


def _q(name: str, schema: dict, description: str = "", required: bool = False) -> dict:
    return {"in": "query", "name": name, "schema": schema, "description": description, "required": required}


def _p(name: str) -> dict:
    return {"in": "path", "name": name, "required": True, "schema": _INT}


def _form(properties: dict, required: list[str] | None = None) -> dict:
    schema = {"type": "object", "properties": properties}
    if required:
        schema["required"] = required
    return {"required": True, "content": {m: {"schema": schema} for m in (
        "application/x-www-form-urlencoded", "application/json")}}


def _op(summary: str, responses: dict, *errors: int, **extra) -> dict:
    return dict(summary=summary, security=SECURITY, responses={**responses, **_err(400, *errors)},
                tags=["Wallabag"], **extra)


_FLAG = {"type": "integer", "enum": [0, 1]}
_TAGS = {"type": "string", "description": "comma-separated labels"}
_ENTRY_CHANGES = {"title": _STR, "tags": _TAGS, "archive": _FLAG, "starred": _FLAG}


def operations() -> dict:
    """path -> path item (with its `servers`)."""
    api, entry, tag_list = SERVERS["api"], _ok(_ref("Entry")), {"type": "array", "items": _ref("WallabagTag")}
    return {
        "/token": {"servers": SERVERS["oauth"], **{method: dict(
            summary="OAuth2 token: password or refresh_token grant (parameters in the query, a form or JSON)",
            security=[], tags=["Wallabag"],
            parameters=[_q(n, _STR) for n in ("grant_type", "client_id", "client_secret", "username", "password",
                                                "refresh_token")],
            responses={**_ok(_ref("OAuthTokens")),
                       "400": {"description": "FOSOAuth error",
                               "content": {"application/json": {"schema": _ref("OAuthError")}}},
                       "429": {"description": "Too many failed sign-ins",
                               "content": {"application/json": {"schema": _ref("OAuthError")}}}})
            for method in ("get", "post")}},
        "/entries": {"servers": api, "get": _op(
            "List entries (HAL paging)", _ok(_ref("EntryPage")),
            parameters=[_q("archive", _FLAG), _q("starred", _FLAG),
                        _q("sort", {"type": "string", "enum": ["created", "updated", "archived"]}),
                        _q("order", {"type": "string", "enum": ["asc", "desc"]}),
                        _q("page", {"type": "integer", "minimum": 1}),
                        _q("perPage", {"type": "integer", "minimum": 0,
                                       "description": "values above 200 count as 200"}),
                        _q("tags", _TAGS, "entries with every one of these tags"),
                        _q("since", _INT, "Unix time: entries updated since"),
                        _q("detail", {"type": "string", "enum": ["full", "metadata"]}),
                        _q("domain_name", _STR)]),
            "post": _op("Save a URL (fetched now), or a URL with its content and title", entry, 404, 413, 422,
                        requestBody=_form({"url": _STR, "content": _STR, **_ENTRY_CHANGES}, ["url"]))},
        "/entries/exists": {"servers": api, "get": _op(
            "Whether URLs are saved: {exists: bool|id}, or an object per URL or hash", _ok({"type": "object"}),
            parameters=[_q("url", _STR), _q("urls[]", {"type": "array", "items": _STR}), _q("hashed_url", _STR),
                        _q("hashed_urls[]", {"type": "array", "items": _STR}), _q("return_id", _FLAG)])},
        "/entries/{entry_id}": {"servers": api, "parameters": [_p("entry_id")],
                             "get": _op("An entry", entry, 404),
                             "patch": _op("Change title, add tags, archive, star", entry, 404, 413, 422,
                                          requestBody=_form(_ENTRY_CHANGES)),
                             "delete": _op("Delete an entry; answers it as it was (expect=id: only its id)",
                                           entry, 404, parameters=[_q("expect", {"type": "string",
                                                                                 "enum": ["entry", "id"]})])},
        "/entries/{entry_id}/export.{fmt}": {"servers": api, "parameters": [
            _p("entry_id"), {"in": "path", "name": "fmt", "required": True,
                          "schema": {"type": "string", "enum": ["epub", "html", "txt", "md", "csv", "json"]}}],
            "get": _op("Export an entry", {"200": {"description": "The file (Content-Disposition: attachment)"}},
                       404)},
        "/entries/{entry_id}/tags": {"servers": api, "parameters": [_p("entry_id")],
                                  "get": _op("An entry's tags", _ok(tag_list), 404),
                                  "post": _op("Add tags to an entry", entry, 404, 413, 422,
                                              requestBody=_form({"tags": _TAGS}, ["tags"]))},
        "/entries/{entry_id}/tags/{tag_id}": {"servers": api, "parameters": [_p("entry_id"), _p("tag_id")],
                                        "delete": _op("Take a tag off an entry", entry, 404)},
        "/tags": {"servers": api, "get": _op(
            "The tags of the user's entries", _ok({"type": "array", "items": _ref("WallabagTagCount")}))},
        "/tags/{tag_id}": {"servers": api, "parameters": [_p("tag_id")],
                        "delete": _op("Delete a tag everywhere", _ok(_ref("WallabagTag")), 404)},
        "/tag/label": {"servers": api, "delete": _op("Delete a tag by its label", _ok(_ref("WallabagTag")), 404,
                                                     parameters=[_q("tag", _STR, required=True)])},
        "/tags/label": {"servers": api, "delete": _op("Delete tags by their labels", _ok(tag_list), 404,
                                                      parameters=[_q("tags", _TAGS, required=True)])},
        "/annotations/{item_id}": {
            "servers": api, "parameters": [dict(_p("item_id"), description="GET, POST: an entry's id; PUT, "
                                                                          "DELETE: an annotation's")],
            "get": _op("An entry's annotations (its highlights)", _ok(_ref("AnnotationList")), 404),
            "post": _op("Annotate the quoted passage (anchored in the article's text; 422 when not found)",
                        _ok(_ref("Annotation")), 404, 413, 422,
                        requestBody=_form({"quote": _STR, "text": _STR, "ranges": {"type": "array"}}, ["quote"])),
            "put": _op("Change an annotation's note", _ok(_ref("Annotation")), 404, 413, 422,
                       requestBody=_form({"text": _STR})),
            "delete": _op("Delete an annotation; answers it as it was", _ok(_ref("Annotation")), 404)},
        "/version": {"servers": api, "get": dict(summary="The Wallabag API version answered", security=[],
                                                 tags=["Wallabag"], responses=_ok(_STR))},
        "/info": {"servers": api, "get": dict(summary="The application's name and version", security=[],
                                              tags=["Wallabag"], responses=_ok(_ref("WallabagInfo")))},
        "/user": {"servers": api, "get": _op("The signed-in user", _ok(_ref("WallabagUser")))},
    }


def documented_routes() -> set[tuple[str, str]]:
    """(full path, method) of every operation described here."""
    out = set()
    for path, item in operations().items():
        prefix = item["servers"][0]["url"]
        out |= {(prefix + path, m) for m in item if m not in ("servers", "parameters")}
    return out
