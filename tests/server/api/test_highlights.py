"""Highlights through the API: anchoring on creation, edits, filters, ownership."""
import pytest

from tests.conftest import SEED_URL


@pytest.fixture()
def seed(alice, seed_html):
    return alice.save(SEED_URL, seed_html).json


def quote_at(text, needle):
    start = text.index(needle)
    return {"quote": needle, "start": start, "end": start + len(needle),
            "prefix": text[max(0, start - 32):start], "suffix": text[start + len(needle):start + len(needle) + 32]}


def test_create_with_offsets(alice, seed):
    text = seed["text"]
    body = quote_at(text, text.split("\n\n")[2][10:80])
    r = alice.post(f"/api/v1/pages/{seed['id']}/highlights", json={**body, "note": "n", "tags": ["AI"]})
    assert r.status_code == 201, r.json
    h = r.json
    assert text[h["start"]:h["end"]] == body["quote"]
    assert h["status"] == "anchored" and h["note"] == "n" and h["tags"] == ["AI"] and h["color"] == "yellow"
    page = alice.get(f"/api/v1/pages/{seed['id']}").json
    assert [x["id"] for x in page["highlights"]] == [h["id"]]
    assert alice.get("/api/v1/pages").json["items"][0]["highlight_count"] == 1


def test_create_from_live_page_text_with_different_whitespace_and_quotes(alice, seed):
    text = seed["text"]
    para = next(p for p in text.split("\n\n") if "’" in p)
    i = para.index("’")
    passage = para[max(0, i - 40):i + 40]
    live = passage.replace("’", "'").replace(" ", "\u00a0 \n", 2)
    r = alice.post(f"/api/v1/pages/{seed['id']}/highlights", json={"quote": live})
    assert r.status_code == 201, r.json
    assert text[r.json["start"]:r.json["end"]] == passage


def test_repeated_text_is_placed_by_context(alice, make_user):
    html = ("<html><body><article><h1>Repeats</h1>"
            + "".join(f"<p>Section {n}: the same sentence appears here again and again for the test. "
                      f"Then comes the unique tail number {n} of this paragraph.</p>" for n in range(8))
            + "</article></body></html>")
    page = alice.save("https://example.org/rep", html).json
    text = page["text"]
    needle = "the same sentence appears here"
    third = [i for i in range(len(text)) if text.startswith(needle, i)][3]
    r = alice.post(f"/api/v1/pages/{page['id']}/highlights",
                   json={"quote": needle, "prefix": text[third - 20:third], "suffix": text[third + len(needle):][:25]})
    assert r.json["start"] == third


def test_quote_not_in_article_is_422(alice, seed):
    r = alice.post(f"/api/v1/pages/{seed['id']}/highlights", json={"quote": "Hot AI Tools"})
    assert r.status_code == 422 and "not in the saved article" in r.json["error"]["message"]


@pytest.mark.parametrize("body", [{}, {"quote": ""}, {"quote": "x", "color": "chartreuse"},
                                  {"quote": "x", "start": -1}, {"quote": "x", "tags": "notalist"}])
def test_invalid_highlight_is_422(alice, seed, body):
    assert alice.post(f"/api/v1/pages/{seed['id']}/highlights", json=body).status_code == 422


def test_patch_and_delete(alice, seed):
    text = seed["text"]
    h = alice.post(f"/api/v1/pages/{seed['id']}/highlights", json=quote_at(text, text[100:160])).json
    r = alice.patch(f"/api/v1/highlights/{h['id']}", json={"note": "why it matters", "color": "blue",
                                                            "tags": ["Later", "later"]})
    assert r.status_code == 200
    assert (r.json["note"], r.json["color"], r.json["tags"]) == ("why it matters", "blue", ["Later"])
    assert r.json["quote"] == h["quote"]
    assert alice.patch(f"/api/v1/highlights/{h['id']}", json={"color": "plaid"}).status_code == 422
    assert alice.delete(f"/api/v1/highlights/{h['id']}").status_code == 204
    assert alice.get(f"/api/v1/highlights/{h['id']}").status_code == 404
    assert alice.get(f"/api/v1/pages/{seed['id']}").json["highlights"] == []


def test_list_filters_and_cursor(alice, seed):
    text = seed["text"]
    paras = text.split("\n\n")
    made = []
    for n, para in enumerate(paras[:6]):
        body = quote_at(text, para[:40])
        body.update(color="green" if n % 2 else "yellow", tags=["odd"] if n % 2 else [])
        made.append(alice.post(f"/api/v1/pages/{seed['id']}/highlights", json=body).json["id"])
    got, cursor = [], None
    while True:
        r = alice.get("/api/v1/highlights?limit=4" + (f"&cursor={cursor}" if cursor else "")).json
        got += [h["id"] for h in r["items"]]
        cursor = r["next_cursor"]
        if not cursor:
            break
    assert got == made[::-1]
    assert {h["id"] for h in alice.get("/api/v1/highlights?tag=ODD").json["items"]} == set(made[1::2])
    assert {h["id"] for h in alice.get("/api/v1/highlights?color=green").json["items"]} == set(made[1::2])
    assert len(alice.get(f"/api/v1/highlights?page_id={seed['id']}&status=anchored").json["items"]) == 6
    assert alice.get("/api/v1/highlights?status=orphaned").json["items"] == []
    assert alice.get("/api/v1/highlights?status=lost").status_code == 422


def test_other_users_highlights_are_404(alice, bob, seed):
    text = seed["text"]
    h = alice.post(f"/api/v1/pages/{seed['id']}/highlights", json=quote_at(text, text[50:90])).json
    assert bob.post(f"/api/v1/pages/{seed['id']}/highlights", json={"quote": text[50:90]}).status_code == 404
    assert bob.patch(f"/api/v1/highlights/{h['id']}", json={"note": "x"}).status_code == 404
    assert bob.delete(f"/api/v1/highlights/{h['id']}").status_code == 404
    assert bob.get(f"/api/v1/highlights?page_id={seed['id']}").status_code == 404
    assert bob.get("/api/v1/highlights").json["items"] == []
