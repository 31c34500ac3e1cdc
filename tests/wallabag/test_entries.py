"""Entries as Wallabag's API v2 documents them: field names and types, the paged HAL
list and its filters, saving, changing, deleting, looking up and exporting."""
from __future__ import annotations

import hashlib
import json
import re
import zipfile

import pytest
from sqlalchemy import func, select

from server.models import Job

from server.services import fetch
from tests.books.support import epubcheck
from tests.local_site import LocalSite
from tests.wallabag.conftest import article

DATE = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d{4}$")
ENTRY_FIELDS = {
    "id": int, "url": str, "hashed_url": str, "given_url": str, "hashed_given_url": str, "title": str,
    "content": str, "is_archived": int, "is_starred": int, "tags": list, "annotations": list,
    "created_at": str, "updated_at": str, "reading_time": int, "domain_name": str, "mimetype": str,
    "user_name": str, "user_email": str, "user_id": int, "is_public": bool, "published_by": list,
    "http_status": str,
}
NULLABLE = {"archived_at", "starred_at", "language", "preview_picture", "published_at", "headers",
            "origin_url", "uid"}


def check_entry(entry: dict, *, full: bool = True) -> None:
    for name, kind in ENTRY_FIELDS.items():
        if name == "content" and not full:
            assert entry[name] is None
            continue
        assert isinstance(entry[name], kind), (name, entry[name])
    for name in NULLABLE:
        assert name in entry
    assert entry["is_archived"] in (0, 1) and entry["is_starred"] in (0, 1)
    assert DATE.match(entry["created_at"]) and DATE.match(entry["updated_at"])
    assert entry["hashed_url"] == hashlib.sha1(entry["url"].encode()).hexdigest()
    for tag in entry["tags"]:
        assert set(tag) == {"id", "label", "slug"}


def test_an_entry_saved_with_its_content_has_wallabag_fields(wb):
    entry = wb.post("/api/entries", data={"url": "https://example.org/orchards", "content": article("Winter Orchards"),
                                          "title": "Winter Orchards", "tags": "garden, trees",
                                          "starred": "1", "archive": "0"}).get_json()
    check_entry(entry)
    assert entry["title"] == "Winter Orchards" and "Pruning apple trees" in entry["content"]
    assert entry["domain_name"] == "example.org" and entry["user_name"] == "walter"
    assert entry["is_starred"] == 1 and DATE.match(entry["starred_at"]) and entry["is_archived"] == 0
    assert sorted(t["label"] for t in entry["tags"]) == ["garden", "trees"]
    page = wb.api.get(f"/api/v1/pages/{entry['id']}").get_json()
    assert page["starred"] is True and page["read"] is False and sorted(page["tags"]) == ["garden", "trees"]


def test_stored_html_is_sanitized_in_entries(wb):
    html = article("Scripted").replace("<p>Mulch", '<p onclick="steal()">Mulch<script>alert(1)</script>')
    entry = wb.post("/api/entries", data={"url": "https://example.org/x", "content": html}).get_json()
    assert "<script" not in entry["content"] and "onclick" not in entry["content"]


def test_a_link_is_fetched_when_saved(wb, app, monkeypatch, session):
    monkeypatch.setitem(app.config, "FETCH_ALLOW_NETWORKS", fetch.parse_networks("127.0.0.1/32"))
    site = LocalSite()
    try:
        url = site.html("/orchard.html", article("Fetched Orchards"))
        entry = wb.post("/api/entries", data={"url": url, "tags": "fetched"}).get_json()
    finally:
        site.close()
    check_entry(entry)
    assert entry["title"] == "Fetched Orchards" and "fruiting spurs" in entry["content"]
    assert entry["url"] == url and [t["label"] for t in entry["tags"]] == ["fetched"]
    assert wb.api.get(f"/api/v1/pages/{entry['id']}").get_json()["state"] == "article"
    # fetched in the request, as Wallabag does: no job was left to fetch it again
    assert session.scalar(select(func.count(Job.id)).where(Job.user_id == wb.user.id)) == 0


def test_a_refused_address_is_kept_as_a_link_with_its_reason(wb):
    entry = wb.post("/api/entries", data={"url": "http://127.0.0.1:9/nothing"}).get_json()
    page = wb.api.get(f"/api/v1/pages/{entry['id']}").get_json()
    assert page["state"] == "link" and page["fetch_error"]
    assert entry["content"] == "" and entry["mimetype"] is None


def test_list_is_paged_hal(wb):
    ids = [wb.save(f"Entry {n}")["id"] for n in range(5)]
    resp = wb.get("/api/entries", query_string={"perPage": 2, "page": 2})
    body = resp.get_json()
    assert resp.status_code == 200
    assert (body["page"], body["limit"], body["pages"], body["total"]) == (2, 2, 3, 5)
    assert set(body["_links"]) == {"self", "first", "last", "next"}
    assert "page=3" in body["_links"]["next"]["href"] and "page=1" in body["_links"]["first"]["href"]
    items = body["_embedded"]["items"]
    assert [e["id"] for e in items] == [ids[2], ids[1]]  # newest first
    for e in items:
        check_entry(e)
    last = wb.get("/api/entries.json", query_string={"perPage": 2, "page": 3}).get_json()
    assert "next" not in last["_links"] and [e["id"] for e in last["_embedded"]["items"]] == [ids[0]]
    oldest = wb.get("/api/entries", query_string={"order": "asc", "perPage": 1}).get_json()
    assert oldest["_embedded"]["items"][0]["id"] == ids[0]
    beyond = wb.get("/api/entries", query_string={"perPage": 2, "page": 2**70}).get_json()
    assert beyond["_embedded"]["items"] == [] and beyond["total"] == 5 and "next" not in beyond["_links"]
    huge = wb.get("/api/entries", query_string={"perPage": 2**63 - 1}).get_json()
    assert huge["limit"] == 200 and huge["total"] == 5
    meta = wb.get("/api/entries", query_string={"detail": "metadata"}).get_json()
    for e in meta["_embedded"]["items"]:
        check_entry(e, full=False)


def test_list_filters(wb):
    a = wb.save("Alpha", "https://alpha.example.com/a")
    b = wb.save("Beta", "https://www.beta.example.net/b")
    c = wb.save("Gamma", "https://alpha.example.com/c")
    wb.patch(f"/api/entries/{a['id']}", data={"archive": "1"})
    wb.patch(f"/api/entries/{b['id']}", data={"starred": "1", "tags": "x,y"})
    wb.post(f"/api/entries/{c['id']}/tags", data={"tags": "x"})

    def ids(**query):
        resp = wb.get("/api/entries", query_string=query)
        assert resp.status_code == 200, resp.get_json()
        return sorted(e["id"] for e in resp.get_json()["_embedded"]["items"])

    assert ids(archive=1) == [a["id"]]
    assert ids(archive=0) == sorted([b["id"], c["id"]])
    assert ids(starred=1) == [b["id"]]
    assert ids(tags="x") == sorted([b["id"], c["id"]])
    assert ids(tags="x,y") == [b["id"]]
    assert ids(tags="nothing") == []
    assert ids(domain_name="alpha.example.com") == sorted([a["id"], c["id"]])
    assert ids(domain_name="beta.example.net") == [b["id"]]
    assert ids(since=4102444800) == []  # 2100-01-01
    assert ids(since=1) == sorted([a["id"], b["id"], c["id"]])
    assert ids(sort="archived", archive=1) == [a["id"]]
    for bad in ({"sort": "title"}, {"order": "up"}, {"page": 0}, {"archive": "maybe"}, {"since": "yesterday"}):
        resp = wb.get("/api/entries", query_string=bad)
        assert resp.status_code == 400 and resp.get_json()["error"]["code"] == 400


def test_get_patch_delete(wb):
    entry = wb.save("Patchable")
    got = wb.get(f"/api/entries/{entry['id']}").get_json()
    assert got["id"] == entry["id"] and got["content"] == entry["content"]
    patched = wb.patch(f"/api/entries/{entry['id']}", data={"title": "Renamed", "archive": 1, "starred": 1}).get_json()
    assert patched["title"] == "Renamed" and patched["is_archived"] == 1 and patched["is_starred"] == 1
    assert DATE.match(patched["archived_at"])
    page = wb.api.get(f"/api/v1/pages/{entry['id']}").get_json()
    assert page["title"] == "Renamed" and page["read"] is True and page["starred"] is True
    unstarred = wb.patch(f"/api/entries/{entry['id']}", json={"starred": False, "archive": 0}).get_json()
    assert unstarred["is_starred"] == 0 and unstarred["is_archived"] == 0 and unstarred["starred_at"] is None
    gone = wb.delete(f"/api/entries/{entry['id']}")
    assert gone.status_code == 200 and gone.get_json()["title"] == "Renamed"
    assert wb.api.get(f"/api/v1/pages/{entry['id']}").status_code == 404
    missing = wb.get(f"/api/entries/{entry['id']}")
    assert missing.status_code == 404
    assert missing.get_json() == {"error": {"code": 404, "message": "No such page."}}
    other = wb.save("Other")
    assert wb.delete(f"/api/entries/{other['id']}", query_string={"expect": "id"}).get_json() == {"id": other["id"]}


def test_exists(wb):
    entry = wb.save("Present", "https://example.org/present")
    present = wb.get("/api/entries/exists", query_string={"url": "https://example.org/present"})
    assert present.get_json() == {"exists": True}
    absent = wb.get("/api/entries/exists", query_string={"url": "https://example.org/absent"})
    assert absent.get_json() == {"exists": False}
    assert wb.get("/api/entries/exists", query_string={"url": "https://example.org/present", "return_id": 1}
                  ).get_json() == {"exists": entry["id"]}
    assert wb.get("/api/entries/exists", query_string={"url": "https://example.org/absent", "return_id": 1}
                  ).get_json() == {"exists": None}
    many = wb.get("/api/entries/exists", query_string=[("urls[]", "https://example.org/present"),
                                                        ("urls[]", "https://example.org/absent")]).get_json()
    assert many == {"https://example.org/present": True, "https://example.org/absent": False}
    digest = hashlib.sha1(b"https://example.org/present").hexdigest()
    assert wb.get("/api/entries/exists", query_string={"hashed_url": digest, "return_id": 1}
                  ).get_json() == {"exists": entry["id"]}
    hashed = wb.get("/api/entries/exists", query_string=[("hashed_urls[]", digest), ("hashed_urls[]", "0" * 40)]
                    ).get_json()
    assert hashed == {digest: True, "0" * 40: False}
    assert wb.get("/api/entries/exists").status_code == 400


@pytest.mark.parametrize("fmt,mimetype,needle", [
    ("html", "text/html", "<h1>Exported</h1>"),
    ("txt", "text/plain", "fruiting spurs"),
    ("md", "text/markdown", "## Article"),
    ("csv", "text/csv", "highlight_id"),
    ("json", "application/json", '"title": "Exported"'),
])
def test_exports(wb, fmt, mimetype, needle):
    entry = wb.save("Exported")
    resp = wb.get(f"/api/entries/{entry['id']}/export.{fmt}")
    assert resp.status_code == 200 and resp.mimetype == mimetype
    assert needle in resp.get_data(as_text=True)
    assert resp.headers["Content-Disposition"] == f'attachment; filename="Exported.{fmt}"'


def test_epub_export_is_a_valid_book(wb, tmp_path):
    entry = wb.save("Exported")
    resp = wb.get(f"/api/entries/{entry['id']}/export.epub")
    assert resp.status_code == 200 and resp.mimetype == "application/epub+zip"
    assert resp.headers["Content-Disposition"] == 'attachment; filename="Exported.epub"'
    book = tmp_path / "entry.epub"
    book.write_bytes(resp.get_data())
    with zipfile.ZipFile(book) as epub:
        assert epub.read("mimetype") == b"application/epub+zip"
        assert any("fruiting spurs" in epub.read(name).decode() for name in epub.namelist()
                   if name.endswith(".xhtml"))
    epubcheck(book)


def test_export_of_an_unknown_format_is_404(wb):
    entry = wb.save("Exported")
    resp = wb.get(f"/api/entries/{entry['id']}/export.pdf")
    assert resp.status_code == 404 and resp.get_json()["error"]["code"] == 404


def test_everything_is_per_user(wb, make_wallabag_user):
    mine = wb.save("Mine", "https://example.org/mine")
    tag_id = wb.post(f"/api/entries/{mine['id']}/tags", data={"tags": "private"}).get_json()["tags"][0]["id"]
    mallory = make_wallabag_user("mallory")
    for method, path in [("get", f"/api/entries/{mine['id']}"), ("patch", f"/api/entries/{mine['id']}"),
                         ("delete", f"/api/entries/{mine['id']}"), ("get", f"/api/entries/{mine['id']}/tags"),
                         ("post", f"/api/entries/{mine['id']}/tags"),
                         ("delete", f"/api/entries/{mine['id']}/tags/{tag_id}"),
                         ("get", f"/api/entries/{mine['id']}/export.md"), ("delete", f"/api/tags/{tag_id}"),
                         ("get", f"/api/annotations/{mine['id']}"), ("post", f"/api/annotations/{mine['id']}")]:
        resp = getattr(mallory, method)(path, **({"data": {"tags": "x", "title": "x", "quote": "Pruning"}}
                                                 if method in ("post", "patch") else {}))
        assert resp.status_code == 404, (method, path, resp.get_json())
        assert resp.get_json()["error"]["code"] == 404
    assert mallory.get("/api/entries").get_json()["total"] == 0
    assert mallory.get("/api/tags").get_json() == []
    theirs = mallory.get("/api/entries/exists", query_string={"url": "https://example.org/mine"})
    assert theirs.get_json() == {"exists": False}
    assert mallory.delete("/api/tag/label", query_string={"tag": "private"}).status_code == 404
    assert wb.get(f"/api/entries/{mine['id']}").get_json()["tags"][0]["label"] == "private"


def test_limits_hold(wb, app, monkeypatch):
    monkeypatch.setitem(app.config, "MAX_PAGE_BYTES", 2000)
    resp = wb.post("/api/entries", data={"url": "https://example.org/big", "content": article("Big") * 5})
    assert resp.status_code == 413 and resp.get_json()["error"]["code"] == 413
    resp = wb.post("/api/entries", data={"url": "https://example.org/t", "content": article("T"),
                                         "tags": ",".join(f"t{n}" for n in range(101))})
    assert resp.status_code == 422
    assert wb.post("/api/entries", data={"url": "javascript:alert(1)"}).status_code == 400
    assert wb.post("/api/entries", data={}).status_code == 400


def test_user_and_version(wb):
    me = wb.get("/api/user").get_json()
    assert me["username"] == "walter" and me["id"] == wb.user.id and DATE.match(me["created_at"])
    assert wb.get("/api/version.json").get_json() == "2.6.10"
    info = wb.get("/api/info").get_json()
    assert info == {"appname": "wallabag", "version": "2.6.10", "allowed_registration": False}


def test_since_finds_entries_archived_or_starred_since(wb):
    import time

    quiet, archived, starred = wb.save("Quiet"), wb.save("Archived later"), wb.save("Starred later")
    time.sleep(1.1)
    moment = int(time.time())
    wb.patch(f"/api/entries/{archived['id']}", data={"archive": "1"})
    wb.patch(f"/api/entries/{starred['id']}", data={"starred": "1"})
    items = wb.get("/api/entries", query_string={"since": moment}).get_json()["_embedded"]["items"]
    assert sorted(e["id"] for e in items) == sorted([archived["id"], starred["id"]])
    assert quiet["id"] not in [e["id"] for e in items]
    for e in items:
        assert e["updated_at"] >= e["created_at"]


@pytest.mark.parametrize("body", [{"url": "https://example.org/a\x00b"}, {"title": "bad \ud800 title",
                                                                          "url": "https://example.org/s"}])
def test_nul_bytes_and_lone_surrogates_in_a_body_are_refused(wb, body):
    sends = [{"data": json.dumps(body), "content_type": "application/json"}]  # the surrogate as \ud800
    if "url" in body and "\x00" in body["url"]:
        sends.append({"data": body})  # a form (a lone surrogate cannot be encoded in one)
    for send in sends:
        resp = wb.post("/api/entries", **send)
        assert resp.status_code == 400, resp.get_json()
        assert resp.get_json()["error"]["code"] == 400


def test_exports_of_a_page_titled_beyond_ascii_name_the_file_twice(wb):
    entry = wb.save("Exported")
    assert wb.patch(f"/api/entries/{entry['id']}", data={"title": "Étés à Kyōto 京都"}).status_code == 200
    for fmt in ("txt", "epub"):
        resp = wb.get(f"/api/entries/{entry['id']}/export.{fmt}")
        assert resp.status_code == 200
        header = resp.headers["Content-Disposition"]
        header.encode("latin-1")  # what a WSGI server can send
        assert header == (f'attachment; filename="Etes a Kyoto .{fmt}"; '
                          f"filename*=UTF-8''%C3%89t%C3%A9s%20%C3%A0%20Ky%C5%8Dto%20%E4%BA%AC%E9%83%BD.{fmt}")
