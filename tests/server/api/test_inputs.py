"""Input that once crashed a request answers a 4xx with the usual error body, on both
databases: NUL bytes and lone surrogates anywhere, ids beyond the id columns, deep or
non-finite JSON, unparseable URLs and dates outside what UTC can name."""
import json

import pytest

from server.openapi import build_spec

ARTICLE = ("<html><head><title>Rivers</title></head><body><article>"
           + "".join(f"<p>Paragraph {i} says something worth reading about rivers, boats and weather "
                     f"on the {i}th day of the long summer.</p>" for i in range(10))
           + "</article></body></html>")


def error_of(r, *statuses):
    assert r.status_code in statuses, (r.status_code, r.get_data(as_text=True)[:300])
    body = r.get_json()
    assert set(body) == {"error"} and body["error"]["code"] and body["error"]["message"]
    return body["error"]


def raw_json(user, method, path, text):
    return getattr(user, method)(path, data=text.encode("utf-8", "surrogatepass"),
                                 headers={"Content-Type": "application/json"})


@pytest.fixture()
def page_id(alice):
    r = alice.save("https://example.org/rivers", ARTICLE)
    assert r.status_code == 201
    return r.json["id"]


@pytest.mark.parametrize("field, value", [
    ("tags", ["river\x00s"]), ("note", "a note\x00"), ("quote", "rivers\x00"),
])
def test_nul_in_a_json_string_is_refused_not_stripped(alice, page_id, field, value):
    if field == "tags":
        r = alice.put(f"/api/v1/pages/{page_id}/tags", json={"tags": value})
    else:
        r = alice.post(f"/api/v1/pages/{page_id}/highlights", json={"quote": "rivers", field: value})
    assert error_of(r, 400, 422)["code"] in ("bad_request", "validation_error")
    page = alice.get(f"/api/v1/pages/{page_id}").json
    assert page["tags"] == [] and page["highlights"] == []


def test_nul_in_url_and_username_is_refused(alice, client):
    error_of(alice.save("https://example.org/a\x00b", ARTICLE), 400, 422)
    error_of(client.post("/api/v1/tokens", json={"username": "alice\x00", "password": "x"}), 400, 422)


@pytest.mark.parametrize("query", ["q=riv%00ers", "tag=a%00b", "cursor=%00"])
def test_nul_in_the_query_string_is_refused(alice, page_id, query):
    assert error_of(alice.get(f"/api/v1/pages?{query}"), 400, 422)["code"] == "bad_request"


def test_nul_in_lookup_url_and_path_is_refused(alice, page_id):
    error_of(alice.get("/api/v1/pages/lookup?url=https://example.org/rivers%00"), 400)
    error_of(alice.get(f"/api/v1/pages/{page_id}%00"), 400)


def test_lone_surrogate_in_json_is_refused(alice, page_id):
    error_of(raw_json(alice, "put", f"/api/v1/pages/{page_id}/tags", '{"tags": ["\\ud800"]}'), 400, 422)
    error_of(raw_json(alice, "post", "/api/v1/pages",
                      json.dumps({"url": "https://example.org/s", "html": ARTICLE, "title": "x"})
                      .replace('"x"', '"\\udc00"')), 400, 422)
    assert alice.get(f"/api/v1/pages/{page_id}").json["tags"] == []


def test_nul_in_a_web_form_is_refused(client):
    r = client.post("/login", data={"username": "alice\x00", "password": "x"})
    assert r.status_code == 400


@pytest.mark.parametrize("path", ["/api/v1/pages/{big}", "/api/v1/highlights/{big}", "/api/v1/jobs/{big}",
                                  "/api/v1/pages/{huge}"])
def test_ids_beyond_the_id_columns_are_not_found(alice, path):
    r = alice.get(path.format(big=2**31, huge=10**30))
    assert error_of(r, 404)["code"] == "not_found"


def test_ids_beyond_the_id_columns_in_bodies_and_queries_are_refused(alice, page_id):
    error_of(alice.get(f"/api/v1/highlights?page_id={2**31}"), 404, 422)
    error_of(alice.get(f"/api/v1/highlights?page_id={10**30}"), 404, 422)
    error_of(alice.post("/api/v1/login-links", json={"page_id": 2**40}), 404, 422)


def test_deeply_nested_json_is_refused(alice, page_id):
    deep = '{"tags": ' + "[" * 100_000 + "]" * 100_000 + "}"
    assert error_of(raw_json(alice, "put", f"/api/v1/pages/{page_id}/tags", deep), 400)["code"] == "bad_request"


@pytest.mark.parametrize("number", ["NaN", "Infinity", "-Infinity", "1e999"])
def test_non_finite_progress_is_refused_and_lists_stay_json(alice, page_id, number):
    error_of(raw_json(alice, "patch", f"/api/v1/pages/{page_id}", f'{{"progress": {number}}}'), 400, 422)
    listed = alice.get("/api/v1/pages")
    assert listed.status_code == 200
    json.loads(listed.get_data(as_text=True))  # strict: no NaN/Infinity
    assert listed.json["items"][0]["progress"] == 0


def test_unclosed_ipv6_bracket_is_a_validation_error(alice):
    assert error_of(alice.post("/api/v1/pages", json={"url": "http://[::1"}), 422)["code"] == "validation_error"
    assert error_of(alice.get("/api/v1/pages/lookup?url=http://[::1"), 422)["code"] == "validation_error"


@pytest.mark.parametrize("moment", ["0000-01-01T00:00:00Z", "99999-01-01T00:00:00Z",
                                    "0001-01-01T00:00:00+14:00", "9999-12-31T23:59:59-14:00"])
@pytest.mark.parametrize("name", ["saved_after", "saved_before"])
def test_dates_outside_utc_are_validation_errors(alice, page_id, name, moment):
    r = alice.get("/api/v1/pages", query_string={name: moment})
    assert error_of(r, 422)["details"][name]


def test_limit_zero_agrees_with_the_document(alice, page_id):
    spec = build_spec()
    params = {p["name"]: p for p in spec["paths"]["/pages"]["get"]["parameters"]}
    assert params["limit"]["schema"]["minimum"] == 1
    r = alice.get("/api/v1/pages?limit=0")
    assert str(r.status_code) in spec["paths"]["/pages"]["get"]["responses"]
    assert error_of(r, 400)["code"] == "bad_request"


@pytest.mark.parametrize("body", [{"read": 0}, {"read": 1}, {"read": "yes"}])
def test_json_booleans_are_true_or_false(alice, page_id, body):
    assert error_of(alice.patch(f"/api/v1/pages/{page_id}", json=body), 422)["details"]["read"]
    assert alice.get(f"/api/v1/pages/{page_id}").json["read"] is False
