"""Every highlight, newest first, grouped by page, filtered by tag, color and search."""
from __future__ import annotations


def test_no_highlights_yet(web, signed_in):
    assert "No highlights yet." in web.text("/highlights")


def test_highlights_are_grouped_by_page_newest_first(web, signed_in, seed_page, save_article):
    other = save_article("Tomato Diaries")
    first = signed_in.post(f"/api/v1/pages/{seed_page['id']}/highlights",
                           json={"quote": "Chatbot Arena leaderboard", "note": "the benchmark"}).get_json()
    second = signed_in.post(f"/api/v1/pages/{seed_page['id']}/highlights",
                            json={"quote": "Huawei and Cambricon", "tags": ["chips"]}).get_json()
    third = signed_in.post(f"/api/v1/pages/{other['id']}/highlights",
                           json={"quote": "Paragraph 2 is about gardens", "color": "blue"}).get_json()
    html = web.text("/highlights")
    assert html.index("Tomato Diaries") < html.index("In The AI Arms Race")
    assert html.count('class="highlight-group__title"') == 2  # one group per page
    assert html.index("Huawei and Cambricon") < html.index("Chatbot Arena leaderboard")
    assert "the benchmark" in html and 'href="/highlights?tag=chips"' in html
    for h in (first, second, third):
        assert f'href="/pages/{h["page_id"]}#h-{h["id"]}"' in html
    assert 'class="quote swatch-blue"' in html


def test_filters_by_tag_and_color(web, signed_in, seed_page):
    pid = seed_page["id"]
    signed_in.post(f"/api/v1/pages/{pid}/highlights", json={"quote": "Chatbot Arena", "color": "pink"})
    signed_in.post(f"/api/v1/pages/{pid}/highlights", json={"quote": "Huawei and Cambricon", "tags": ["chips"]})
    by_tag = web.text("/highlights?tag=CHIPS")
    assert '<option value="chips" selected>chips</option>' in by_tag
    assert "Huawei and Cambricon" in by_tag and "Chatbot Arena<" not in by_tag
    by_color = web.text("/highlights?color=pink&q=")
    assert "Chatbot Arena" in by_color and "Huawei and Cambricon" not in by_color
    assert "Nothing matches." in web.text("/highlights?color=purple")
    assert web.get("/highlights?color=red").status_code == 400


def test_search_finds_highlights_by_note(web, signed_in, seed_page):
    signed_in.post(f"/api/v1/pages/{seed_page['id']}/highlights",
                   json={"quote": "Chatbot Arena", "note": "remember the leaderboard"})
    signed_in.post(f"/api/v1/pages/{seed_page['id']}/highlights", json={"quote": "Huawei and Cambricon"})
    html = web.text("/highlights?q=remember")
    assert "Chatbot Arena" in html and "Huawei and Cambricon" not in html


def test_orphaned_highlights_are_marked(web, signed_in, seed_page, session):
    from server.models import Highlight

    h = signed_in.post(f"/api/v1/pages/{seed_page['id']}/highlights", json={"quote": "Chatbot Arena"}).get_json()
    row = session.get(Highlight, h["id"])
    row.status, row.start, row.end = "orphaned", None, None
    session.commit()
    assert "No longer found in the article" in web.text("/highlights")


def test_notes_and_tags_are_escaped(web, signed_in, seed_page):
    signed_in.post(f"/api/v1/pages/{seed_page['id']}/highlights",
                   json={"quote": "Chatbot Arena", "note": "<script>alert(1)</script>",
                         "tags": ["<b onmouseover=alert(2)>"]})
    html = web.text("/highlights")
    assert "<script>alert" not in html and "<b onmouseover" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
