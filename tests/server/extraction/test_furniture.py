"""server/extraction/furniture.py: the furniture forum software sets around each post, taken out of a
thread's body; what the posts say, their posters' names and their dates stay."""
from __future__ import annotations

from lxml import etree

from server.extraction import extract
from server.extraction.furniture import drop_post_furniture

TITLE = "Moving a small shop off shared hosting"
SAID = "A managed plan is the middle ground: the provider patches the system for you."


def blocks(xml: str, title: str | None = TITLE) -> list[str]:
    body = etree.fromstring(f"<body>{xml}</body>")
    drop_post_furniture(body, title)
    return [" ".join("".join(element.itertext()).split()) for element in body]


def test_a_posters_figures_go_as_lines_and_as_a_list_of_terms():
    assert blocks(f"<p>olga.p</p><p>Posts: 116<lb/>Threads: 23<lb/>Joined: Feb 2019<lb/>Reputation: <hi>7</hi></p>"
                  f"<p>Registered: 2012-09-03</p>"
                  f"<list rend='dl'><item rend='dt-1'>Join Date</item><item rend='dd-1'>Aug 2004</item>"
                  f"<item rend='dt-2'>Posts</item><item rend='dd-2'>8,197</item></list><p>{SAID}</p>") == [
        "olga.p", SAID]


def test_a_posters_figures_whose_terms_were_icons_go_and_a_list_of_values_that_says_more_stays():
    assert blocks(f"<list rend='dl'><item rend='dd-1'>Jun 15, 2024</item></list>"
                  f"<list rend='dl'><item rend='dd-1'>65,797</item></list><p>{SAID}</p>"
                  f"<list rend='dl'><item rend='dd-1'>Back up the database before the move.</item></list>") == [
        SAID, "Back up the database before the move."]


def test_a_place_alone_is_no_figure():
    # "From:" and "Location:" also head a quoted letter or an address
    kept = ["From: the shop's accountant"]
    assert blocks(f"<p>{kept[0]}</p><list rend='dl'><item rend='dt-1'>Location</item>"
                  f"<item rend='dd-1'>upstairs</item></list>") == [kept[0], "Locationupstairs"]


def test_edit_notes_post_numbers_counts_and_reply_subjects_go():
    assert blocks(f"<p>Mar 3, 2025</p><p>#2</p><p>#3 2024-08-03 14:22:38</p><p>19,378</p><p>-55</p>"
                  f"<head>Re: {TITLE}</head><p>{SAID}</p>"
                  f"<p>Last edited by olga.p on Mar 3, 2025 at 11:02 am, edited 2 times in total.</p>"
                  f"<p>Last edited by seth (2024-08-03 11:02:20)</p>") == ["Mar 3, 2025", SAID]


def test_a_subject_of_its_own_and_sentences_stay():
    kept = ["Re: backups, and how often they run", "Posts: the ones I wrote last year were lost when the host "
            "moved my account to another server without asking me first.", "2 of the 3 plans have backups.",
            "I edited by hand the two files the installer wrote."]
    assert blocks("".join(f"<p>{text}</p>" for text in kept)) == kept


def test_reactions_to_a_post_and_the_line_its_app_adds_go():
    assert blocks(f"<p>{SAID}</p><p>Sent from my SM-S908U using Tapatalk</p><p>Reactions:</p>"
                  f"<p><ref target='/m/1'>Ben</ref>, <ref target='/m/2'>Olga</ref></p>"
                  f"<p>Reactions: Ben, Olga and 3 others</p><p>Ben and 2 others like this.</p>"
                  f"<p>Olga likes this.</p><p>Likes: 4</p><p>2 Likes</p><p>1 reaction</p>") == [SAID]


def test_sentences_about_liking_or_sent_from_and_a_link_after_reactions_stay():
    kept = ["The formula as constructed fully looks like this:", "Nobody I know likes this plan at all, "
            "and the host raised its price twice last year without telling anyone, so we moved the shop.",
            "Sent from my office, where the connection is fast, the upload took four minutes for the whole shop.",
            "2 likes and a share"]
    assert blocks("".join(f"<p>{text}</p>" for text in kept)) == kept
    assert blocks("<p>Reactions:</p><p>See <ref target='/x'>the guide</ref></p>") == ["See the guide"]


def test_a_thread_page_loses_its_figures():
    posts = "".join(
        f'<div class="message"><div class="user"><a href="/members/{name}">{name}</a>'
        f'<div class="figures">Posts: {count}<br>Joined: Jan 2019</div></div>'
        f'<div class="message-body"><p>{text}</p></div></div>'
        for name, count, text in [("marten_k", 41, "Is a managed plan worth it for a shop of two hundred products?"),
                                  ("olga.p", 8197, SAID), ("dev_nul", 1303, "Measure the holiday peak first.")])
    page = (f"<!DOCTYPE html><html lang='en'><head><title>{TITLE}</title></head>"
            f"<body><h1>{TITLE}</h1>{posts}</body></html>")
    result = extract(page, "https://forums.example.net/threads/moving-a-small-shop.4821/")
    assert result.kind == "thread"
    assert SAID in result.text
    assert "Posts:" not in result.text and "Joined" not in result.text


def test_a_field_filled_in_under_each_poster_goes_and_a_term_said_once_or_twice_stays():
    profile = "<p>{name}</p><p>Primary OS: {os}<lb/>VBox Version: 7.0</p><p>Founded: Dec 11, 2021</p>"
    posts = "".join(profile.format(name=name, os=os) + f"<p>{SAID} ({name})</p>"
                    for name, os in (("olga.p", "Windows 10"), ("ben", "Fedora"), ("kim", "macOS")))
    notes = "<p>Note: the provider's plan changed in May.</p><p>Note: it did again in June.</p>"
    links = "".join(f"<p>https://example.org/{n}</p>" for n in range(3))
    kept = blocks(posts + notes + links)
    assert kept == ["olga.p", f"{SAID} (olga.p)", "ben", f"{SAID} (ben)", "kim", f"{SAID} (kim)",
                    "Note: the provider's plan changed in May.", "Note: it did again in June.",
                    *(f"https://example.org/{n}" for n in range(3))]
