"""Extraction: HTML + URL in, Article out (`extract`).

- article.py: the entry point and the Article
- trafilatura_call.py: the one trafilatura call (the body, and the metadata extraction reads)
- author_search.py: trafilatura's search of the page for a byline, made without copying the page
- parsing.py: the page's tree, parsed once (from its UTF-8 bytes where the caller has them)
- body.py: trafilatura's body tree -> text blocks and reader HTML in one walk
- edges.py: what is cut from the article's edges before rendering
- footers.py: the site's footer closing the body, where trafilatura gathered it with the page's paragraphs
- date_lines.py: the lines at the article's edges that date the page or another page
- introduced.py: a list a paragraph or an item ending in a colon, or a heading left with nothing
  under it, introduces, put back where trafilatura left it out
- contents.py: a chapter's numbered table of contents, put back where the chapter says little else
- commented.py: an article that a container named for comments holds, taken out of it
- streamed.py: the late parts of a page streamed by React, moved where its scripts move them
- popups.py: the drop-down menus of a page's header and toolbar, taken out before trafilatura runs
- buttons.py: the paragraphs of links drawn as buttons (calls to action), taken out before trafilatura runs
- region.py: the region of a page whose paragraphs trafilatura gathered without their headings and lists
- head.py: what the document head declares (language, canonical URL)
- kinds.py: whether a page has an article, and what kind of page it is
- threads.py: a thread's posts, found by their repeated shape and read on their own
- furniture.py: the furniture that forum software sets around each post, taken out
- quotes.py: the passages a thread says twice (a reply's quote of a post above it, a post shown again), said once
- language.py: a language guess for pages that declare none
"""
from .article import NO_ARTICLE_MESSAGE, TRAFILATURA_SETTINGS, Article, NoArticle, extract
from .head import HeadInfo, scan_head
from .language import guess_language

__all__ = ["NO_ARTICLE_MESSAGE", "TRAFILATURA_SETTINGS", "Article", "HeadInfo", "NoArticle", "extract",
           "guess_language", "scan_head"]
