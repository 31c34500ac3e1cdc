"""The states a page and a highlight can be in (the words the API answers and the
database stores), and when reading a page counts as having read it. Named once here."""
from __future__ import annotations

from typing import Final

# A page's `state`.
ARTICLE: Final = "article"  # its article was saved (from the browser, a fetch or an import)
LINK: Final = "link"  # only its address: imported, or its fetch failed
FETCHING: Final = "fetching"  # a fetch of its link is queued or running
PAGE_STATES: Final = (ARTICLE, LINK, FETCHING)

# A highlight's `status`.
ANCHORED: Final = "anchored"  # page.text[start:end] is its passage
ORPHANED: Final = "orphaned"  # its passage is not in the current text (start and end are null)
HIGHLIGHT_STATUSES: Final = (ANCHORED, ORPHANED)

# Scrolled this far (as a share of the article), a page counts as read: the last lines
# are often a byline or a footer that a reader never scrolls past.
READ_AT_PROGRESS: Final = 0.98
