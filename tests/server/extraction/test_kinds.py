"""server/extraction/kinds.py: which pages are discussions."""
from __future__ import annotations

import pytest
from lxml import html as lxml_html

from server.extraction.kinds import ARTICLE, THREAD, page_kind
from server.extraction.metadata import declared


def kind(url: str, head: str = "", body: str = "<p>x</p>") -> str:
    tree = lxml_html.document_fromstring(f"<html><head>{head}</head><body>{body}</body></html>")
    return page_kind(declared(tree), url)


@pytest.mark.parametrize("url", ["https://f.example/threads/a-question.123/", "https://f.example/viewtopic.php?t=9",
                                 "https://qa.example/questions/42/how-do-i", "https://r.example/r/x/comments/abc/t/"])
def test_thread_addresses(url):
    assert kind(url) == THREAD


def test_thread_structured_data():
    head = '<script type="application/ld+json">{"@type": "DiscussionForumPosting", "headline": "h"}</script>'
    assert kind("https://example.org/p/1", head) == THREAD
    body = '<div itemscope itemtype="https://schema.org/QAPage"><p>q</p></div>'
    assert kind("https://example.org/p/1", body=body) == THREAD


def test_an_faq_or_a_topic_page_is_not_a_thread():
    head = ('<script type="application/ld+json">{"@type": "FAQPage", "mainEntity": '
            '[{"@type": "Question", "name": "q"}]}</script>')
    assert kind("https://example.org/help", head) == ARTICLE
    assert kind("https://example.org/topics/cloud/") == ARTICLE
