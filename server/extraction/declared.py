"""What a page says about itself, read once from its parsed tree (metadata.declared)
and weighed by the modules that choose the title, the authors and the date: the
record they share, and the schema.org types it is read by.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

# A value found in the page only when asked for (trafilatura's searches of the whole page for an
# author and a date, which most pages that declare theirs never need).
Later = Callable[[], str | None]


def known(value: str | None | Later) -> str | None:
    """The value, searched for now if it was left for later."""
    return value() if callable(value) else value


# schema.org types of a page's main work; the first such item of a page describes it
WORK_TYPES = frozenset({
    "Article", "NewsArticle", "BlogPosting", "Blog", "TechArticle", "ScholarlyArticle", "Report", "Review",
    "OpinionNewsArticle", "AnalysisNewsArticle", "ReportageNewsArticle", "BackgroundNewsArticle", "LiveBlogPosting",
    "SocialMediaPosting", "DiscussionForumPosting", "Question", "Recipe", "HowTo", "MedicalWebPage", "Guide",
    "CreativeWork", "VideoObject", "Movie", "Book", "Course", "Event",
})
PAGE_TYPES = frozenset({"WebPage", "ItemPage", "AboutPage", "FAQPage", "QAPage", "CollectionPage", "ProfilePage",
                        "SearchResultsPage", "ContactPage", "CheckoutPage", "RealEstateListing"})
# schema.org types of a page that lists other works (a section's front, an archive, search results)
COLLECTION_TYPES = frozenset({"CollectionPage", "ItemList", "SearchResultsPage"})
# schema.org types of a thing for sale: a page that offers one is a shop's, no written work
PRODUCT_TYPES = frozenset({"Product", "ProductGroup", "Offer", "AggregateOffer"})
PRODUCT_OG_TYPE = "product"  # og:type "product" and its kinds ("product.group", "product.item")
PRODUCT_ITEMTYPE_RE = re.compile(r"schema\.org/(?:Product|ProductGroup|Offer|AggregateOffer)$")
PERSON_TYPES = frozenset({"Person"})
SITE_TYPES = frozenset({"WebSite", "Organization", "NewsMediaOrganization", "Corporation", "LocalBusiness",
                        "EducationalOrganization"})
# schema.org type names as written by pages that do not keep their case ("person")
TYPE_CASES = {name.casefold(): name for name in (*WORK_TYPES, *PAGE_TYPES, *COLLECTION_TYPES, *PERSON_TYPES,
                                                 *SITE_TYPES, *PRODUCT_TYPES)}


@dataclass(frozen=True)
class ShownDate:
    """A date the page shows its reader beside the article's heading."""
    value: str  # YYYY-MM-DD
    updated: bool  # labelled as the date of a revision ("Updated on", "Last reviewed")


@dataclass
class Declared:
    """What the page's structured data says about it."""
    types: set[str] = field(default_factory=set)
    item_types: list[str] = field(default_factory=list)  # the itemtype of each microdata item
    title: str | None = None
    authors: list[str] = field(default_factory=list)
    published: str | None = None
    site_names: list[str] = field(default_factory=list)
    image: str | None = None
    headings: list[str] = field(default_factory=list)
    heading_links: dict[str, str] = field(default_factory=dict)  # where a heading that is a link leads
    heading_leads: dict[str, str] = field(default_factory=dict)  # a heading's first part, set apart by markup
    page_title: str | None = None  # the <title> element
    microdata_authors: list[str] = field(default_factory=list)
    listed_authors: list[str] = field(default_factory=list)  # of the reviews and books it lists
    byline: str | None = None  # the first byline in the page's body
    # whether that byline stands just below the article's heading (found when first asked)
    byline_by_heading: Callable[[], bool] = lambda: False
    # whether it stands further on in the article's text, below a part of it (found when first asked)
    byline_past_heading: Callable[[], bool] = lambda: False
    # the first name in an element that the page's markup marks as the author's (found when first asked)
    marked_author: Later = lambda: None
    # whether that name stands just below the article's heading (found when first asked)
    marked_by_heading: Callable[[], bool] = lambda: False
    # the name an "About the author" label introduces (found when first asked)
    introduced_author: Later = lambda: None
    poster: str | None = None  # the first post's user, as forum software marks it up
    marks_users: bool = False  # whether any element of the body marks a post's user
    og_type: str | None = None
    meta_authors: list[str] = field(default_factory=list)  # <meta name=author> and the like
    # publication dates the markup declares beside JSON-LD, strongest first: meta tags, itemprop
    dates: list[str] = field(default_factory=list)
    time_dates: list[str] = field(default_factory=list)  # <time datetime> of the body
    # dates the markup declares the page was last revised on: JSON-LD's, meta tags, itemprop
    modified: list[str] = field(default_factory=list)
    original: str | None = None  # the date the text says it was originally published on
    shown_dates: list[ShownDate] = field(default_factory=list)  # written beside the article's heading
    page_published: str | None = None  # datePublished of a JSON-LD WebPage, the weaker of the two
    # whether the page writes a day (YYYY-MM-DD) anywhere in its source (found when asked)
    writes_day: Callable[[str], bool] = lambda value: True
    first_shown: Later = lambda: None  # the first date the body's text shows (found when first asked)

    def declares_work(self) -> bool:
        """Whether the page says it is a written work (a schema.org work type, og:type article)."""
        return bool(self.types & WORK_TYPES) or (self.og_type or "").startswith("article")

    def lists_works(self) -> bool:
        """Whether the page says it lists other works (a collection, a list of items) and is no
        work of its own: an author it names is one listed work's, or its publisher."""
        return bool(self.types & COLLECTION_TYPES) and not self.types & WORK_TYPES

    def offers_products(self) -> bool:
        """Whether the page says it offers a thing for sale (a schema.org Product or Offer, in
        JSON-LD or microdata; og:type product, product.group, product.item) and is no written work."""
        offered = bool(self.types & PRODUCT_TYPES) or (self.og_type or "").startswith(PRODUCT_OG_TYPE) or any(
            PRODUCT_ITEMTYPE_RE.search(item_type.strip()) for item_type in self.item_types)
        return offered and not self.types & WORK_TYPES
