"""server/extraction/contents.py: a chapter's table of contents goes back where the chapter says little else."""
from __future__ import annotations

from lxml import html as lxml_html

from server.extraction.contents import restore_chapter_contents
from tests.server.extraction.support import body_of

INTRODUCTION = "Indexes are a common way to enhance database performance, but they add overhead too."
CONTENTS = ('<div class="toc"><p><strong>Table of Contents</strong></p><dl class="toc">'
            '<dt><a href="intro.html">11.1. Introduction</a></dt>'
            '<dt><a href="types.html">11.2. Index Types</a></dt>'
            '<dd><dl><dt><a href="types.html#btree">11.2.1. B-Tree</a></dt>'
            '<dt><a href="types.html#hash">11.2.2. Hash</a></dt></dl></dd>'
            '<dt><a href="multicolumn.html">11.3. Multicolumn Indexes</a></dt></dl></div>')


def page_of(markup: str) -> lxml_html.HtmlElement:
    return lxml_html.document_fromstring(f"<html><body>{markup}</body></html>")


def test_a_short_chapters_numbered_contents_go_back_before_its_first_paragraph():
    page = page_of(f'<nav><a href="/">Home</a></nav><div class="chapter"><h2>Chapter 11. Indexes</h2>'
                   f'{CONTENTS}<p>{INTRODUCTION}</p></div>')
    body = body_of(f"<p>{INTRODUCTION}</p>")
    restore_chapter_contents(body, page)
    assert [" ".join(" ".join(child.itertext()).split()) for child in body] == [
        "11.1. Introduction 11.2. Index Types 11.2.1. B-Tree 11.2.2. Hash 11.3. Multicolumn Indexes", INTRODUCTION]
    contents = body[0]
    assert contents.tag == "list" and [ref.get("target") for ref in contents.xpath("item/ref")] == [
        "intro.html", "types.html", "multicolumn.html"]
    assert [ref.text for ref in contents.xpath("item/list/item/ref")] == ["11.2.1. B-Tree", "11.2.2. Hash"]


def test_contents_stay_out_of_a_long_body_unnumbered_menus_and_a_menu_elsewhere_too():
    page = page_of(f'<div class="chapter">{CONTENTS}<p>{INTRODUCTION}</p></div>')
    body = body_of(f"<p>{INTRODUCTION}</p>" + f"<p>{INTRODUCTION}</p>" * 12)
    restore_chapter_contents(body, page)
    assert len(body) == 13
    menu = '<ul><li><a href="/a">Install</a></li><li><a href="/b">Configure</a></li><li><a href="/c">Run</a></li></ul>'
    page = page_of(f'<div class="chapter">{menu}<p>{INTRODUCTION}</p></div>')
    body = body_of(f"<p>{INTRODUCTION}</p>")
    restore_chapter_contents(body, page)
    assert len(body) == 1
    page = page_of(f'<aside><div>{CONTENTS}</div></aside><div><p>{INTRODUCTION}</p></div>')
    restore_chapter_contents(body, page)
    assert len(body) == 1
    page = page_of(f'<div class="chapter"><div><p>{INTRODUCTION}</p></div><div>{CONTENTS}</div></div>')
    restore_chapter_contents(body, page)
    assert len(body) == 1


def test_contents_the_body_kept_are_not_put_back_twice():
    page = page_of(f'<div class="chapter">{CONTENTS}<p>{INTRODUCTION}</p></div>')
    kept = ("<list><item>11.1. Introduction</item><item>11.2. Index Types</item><item>11.2.1. B-Tree</item>"
            "<item>11.2.2. Hash</item><item>11.3. Multicolumn Indexes</item></list>")
    body = body_of(f"{kept}<p>{INTRODUCTION}</p>")
    restore_chapter_contents(body, page)
    assert len(body) == 2
