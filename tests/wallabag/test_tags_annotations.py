"""Tags and annotations on the Wallabag paths: their shapes, and that they are Gloss's
tags and highlights (anchored by Gloss's own anchoring)."""
from __future__ import annotations

import re

DATE = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d{4}$")


def test_entry_tags_add_list_remove(wb):
    entry = wb.save("Tagged")
    added = wb.post(f"/api/entries/{entry['id']}/tags", data={"tags": "Apple Trees,pruning"}).get_json()
    labels = {t["label"]: t for t in added["tags"]}
    assert set(labels) == {"Apple Trees", "pruning"}
    assert labels["Apple Trees"]["slug"] == "apple-trees" and isinstance(labels["pruning"]["id"], int)
    listed = wb.get(f"/api/entries/{entry['id']}/tags").get_json()
    assert sorted(t["label"] for t in listed) == ["Apple Trees", "pruning"]
    again = wb.post(f"/api/entries/{entry['id']}/tags.json", data={"tags": "pruning,winter"}).get_json()
    assert sorted(t["label"] for t in again["tags"]) == ["Apple Trees", "pruning", "winter"]
    removed = wb.delete(f"/api/entries/{entry['id']}/tags/{labels['pruning']['id']}").get_json()
    assert sorted(t["label"] for t in removed["tags"]) == ["Apple Trees", "winter"]
    assert sorted(wb.api.get(f"/api/v1/pages/{entry['id']}").get_json()["tags"]) == ["Apple Trees", "winter"]
    assert wb.delete(f"/api/entries/{entry['id']}/tags/{labels['pruning']['id']}").status_code == 404


def test_user_tags_list_and_delete(wb):
    a, b = wb.save("A"), wb.save("B")
    wb.post(f"/api/entries/{a['id']}/tags", data={"tags": "one,two,three"})
    wb.post(f"/api/entries/{b['id']}/tags", data={"tags": "one"})
    tags = {t["label"]: t for t in wb.get("/api/tags").get_json()}
    assert set(tags) == {"one", "two", "three"}
    assert set(tags["one"]) == {"id", "label", "slug", "nbEntries"} and tags["one"]["nbEntries"] == 2
    gone = wb.delete(f"/api/tags/{tags['two']['id']}").get_json()
    assert gone == {"id": tags["two"]["id"], "label": "two", "slug": "two"}
    assert wb.delete("/api/tag/label", query_string={"tag": "three"}).get_json()["label"] == "three"
    assert wb.delete("/api/tag/label", query_string={"tag": "three"}).status_code == 404
    assert [t["label"] for t in wb.get("/api/tags").get_json()] == ["one"]
    many = wb.delete("/api/tags/label", query_string={"tags": "one,nothing"}).get_json()
    assert [t["label"] for t in many] == ["one"]
    assert wb.get("/api/tags").get_json() == []
    assert wb.api.get(f"/api/v1/pages/{a['id']}").get_json()["tags"] == []


def check_annotation(anno: dict) -> None:
    assert set(anno) == {"user", "annotator_schema_version", "id", "text", "created_at", "updated_at",
                         "quote", "ranges"}
    assert isinstance(anno["id"], int) and isinstance(anno["text"], str) and isinstance(anno["quote"], str)
    assert DATE.match(anno["created_at"]) and DATE.match(anno["updated_at"])
    for r in anno["ranges"]:
        assert set(r) == {"start", "startOffset", "end", "endOffset"}


def test_annotations_are_highlights(wb):
    entry = wb.save("Annotated")
    made = wb.post(f"/api/annotations/{entry['id']}", json={
        "quote": "A sharp saw and clean cuts", "text": "buy a saw",
        "ranges": [{"start": "/p[2]", "startOffset": 0, "end": "/p[2]", "endOffset": 26}]})
    assert made.status_code == 200, made.get_json()
    anno = made.get_json()
    check_annotation(anno)
    assert anno["quote"] == "A sharp saw and clean cuts" and anno["text"] == "buy a saw" and anno["user"] == "walter"
    page = wb.api.get(f"/api/v1/pages/{entry['id']}").get_json()
    (h,) = page["highlights"]
    assert h["id"] == anno["id"] and h["status"] == "anchored" and h["note"] == "buy a saw"
    assert page["text"][h["start"]:h["end"]] == "A sharp saw and clean cuts"
    assert anno["ranges"][0]["startOffset"] == h["start"] and anno["ranges"][0]["endOffset"] == h["end"]

    # a highlight made in Gloss shows as an annotation, in the list and in the entry
    glossed = wb.api.post(f"/api/v1/pages/{entry['id']}/highlights", json={"quote": "fruiting spurs",
                                                                            "note": "keep"}).get_json()
    listed = wb.get(f"/api/annotations/{entry['id']}").get_json()
    assert listed["total"] == 2 and [r["id"] for r in listed["rows"]] == [anno["id"], glossed["id"]]
    for row in listed["rows"]:
        check_annotation(row)
    assert [a["quote"] for a in wb.get(f"/api/entries/{entry['id']}").get_json()["annotations"]] == [
        "A sharp saw and clean cuts", "fruiting spurs"]

    updated = wb.put(f"/api/annotations/{glossed['id']}", json={"text": "keep them"}).get_json()
    assert updated["text"] == "keep them"
    assert wb.api.get(f"/api/v1/pages/{entry['id']}").get_json()["highlights"][1]["note"] == "keep them"
    gone = wb.delete(f"/api/annotations/{glossed['id']}").get_json()
    assert gone["id"] == glossed["id"]
    assert wb.get(f"/api/annotations/{entry['id']}").get_json()["total"] == 1


def test_an_annotation_whose_quote_is_not_in_the_article_is_refused(wb):
    entry = wb.save("Refusing")
    resp = wb.post(f"/api/annotations/{entry['id']}", data={"quote": "words that are nowhere", "text": ""})
    assert resp.status_code == 422 and resp.get_json()["error"]["code"] == 422
    assert wb.post(f"/api/annotations/{entry['id']}", data={"text": "no quote"}).status_code == 400


def test_annotations_are_per_user(wb, make_wallabag_user):
    entry = wb.save("Private notes")
    anno = wb.post(f"/api/annotations/{entry['id']}", data={"quote": "fruiting spurs", "text": "mine"}).get_json()
    mallory = make_wallabag_user("mallory")
    assert mallory.put(f"/api/annotations/{anno['id']}", data={"text": "hers"}).status_code == 404
    assert mallory.delete(f"/api/annotations/{anno['id']}").status_code == 404
    assert wb.get(f"/api/annotations/{entry['id']}").get_json()["rows"][0]["text"] == "mine"
