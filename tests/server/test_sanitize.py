"""server/sanitize.py: the reader HTML allow-list."""
from __future__ import annotations

import pytest

from server.sanitize import absolute_url, link_resolver, sanitize_reader_html

BASE = "https://example.org/dir/page.html"


def clean(html: str) -> str:
    return sanitize_reader_html(html, BASE)


@pytest.mark.parametrize("html", [
    "<h2>Head</h2><p>Para <em>em</em> <strong>strong</strong> <code>x</code> <sub>1</sub> <sup>2</sup></p>",
    "<ul><li>one</li></ul><ol><li>two</li></ol><dl><dt>term</dt><dd>meaning</dd></dl>",
    "<blockquote><p>quoted</p></blockquote><pre><code>a = 1\n  b = 2</code></pre>",
    "<table><tbody><tr><th>A</th></tr><tr><td>1</td></tr></tbody></table>",
    "<p>line<br>break</p><figure><img src=\"https://cdn.example/x.png\" alt=\"X\"></figure>",
])
def test_reader_structure_is_kept(html):
    assert clean(html) == html


def test_links_become_absolute_with_safe_rel():
    assert clean('<a href="../x?a=1&amp;b=2">x</a>') == (
        '<a href="https://example.org/x?a=1&amp;b=2" rel="noopener noreferrer nofollow">x</a>')
    assert clean('<a href="//cdn.example/y">y</a>') == (
        '<a href="https://cdn.example/y" rel="noopener noreferrer nofollow">y</a>')
    assert 'href="mailto:me@example.org"' in clean('<a href="mailto:me@example.org">m</a>')


def test_images_become_absolute_and_keep_alt():
    assert clean('<img src="pic.jpg" alt="A pic" onerror="x()">') == (
        '<img src="https://example.org/dir/pic.jpg" alt="A pic">')


@pytest.mark.parametrize("url", [
    "javascript:alert(1)", "JaVaScRiPt:alert(1)", " javascript:alert(1)", "java\nscript:alert(1)",
    "java&#10;script:alert(1)", "vbscript:x", "data:text/html,<script>alert(1)</script>", "file:///etc/passwd",
])
def test_unsafe_link_urls_are_dropped(url):
    result = clean(f'<a href="{url}">x</a>')
    assert "href" not in result
    assert "script" not in result.lower()


def test_data_image_urls_are_dropped():
    assert "src" not in clean('<img src="data:image/svg+xml;base64,PHN2Zz4=">')


def test_executable_and_styling_markup_is_removed():
    html = ('<p style="position:fixed" class="ad" id="x" onclick="steal()" onmouseover="x()">Hi</p>'
            "<script>alert(1)</script><style>p{}</style><iframe src=\"https://evil.example/\">f</iframe>"
            "<svg onload=alert(4)><text>t</text></svg><math><mi>x</mi></math><object data=x></object>"
            "<form action=/steal><input name=q><button>Go</button></form><noscript>ns</noscript>")
    assert clean(html) == "<p>Hi</p>"


def test_comments_and_unknown_tags_are_dropped_text_kept():
    assert clean("<!-- secret --><custom-el>inside</custom-el><font color=red>old</font>") == "insideold"


def test_absolute_url_rejects_other_schemes():
    assert absolute_url("/a", BASE) == "https://example.org/a"
    assert absolute_url("ftp://example.org/a", BASE) is None
    assert absolute_url("http://[::1", BASE) is None


# Links of every shape: relative paths, fragments, queries, a host of their own, spaces around,
# dot segments, a colon (a scheme, or none in a path), brackets, and nothing at all.
LINKS = ["a.html", "../up/b.html", "./c?x=1#y", "#top", "#", "?q=2", "/root;p?q#f", "//cdn.example/x.png",
         "  spaced.html\n", "\tsub/d\te.html", "..", ".", "/..//x", "//[::1]/z", "//[bad/z", "",
         "mailto:ann@example.org", "tel:123", "javascript:void(0)", "HTTPS://Example.org/A", "c:d",
         "a/b:c", "//host:80/p", "http://[::1"]


@pytest.mark.parametrize("base", [BASE, "http://example.org", "https://example.org/dir/", "HTTP://Example.org/x",
                                  "mailto:ann@example.org", "https:/no-host/page", "http://[::1/x", "page.html"])
def test_link_resolver_answers_as_absolute_url(base):
    # a web base with a host takes the path that skips a parse; the others, and links with a
    # colon, go through absolute_url itself
    resolve = link_resolver(base)
    assert [resolve(link) for link in LINKS] == [absolute_url(link, base) for link in LINKS]
