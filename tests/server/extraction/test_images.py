"""server/extraction/images.py: the lead image is a picture of the article, not the site's."""
from __future__ import annotations

import pytest

from server.extraction.images import is_site_image, lead_image


@pytest.mark.parametrize("src", [
    "https://s.example/assets/logo.webp",
    "https://s.example/img/logo_open-graph_facebook.d0dedfbe1787.png",
    "https://s.example/favicon-32x32.png",
    "https://s.example/Content/Img/apple-touch-icon@2.png?v=0f0cab681579",
    "https://s.example/applications/core/interface/email/default_photo.png",
    "https://s.example/images/social-wide.jpg",
    "https://s.example/wp-content/uploads/2024/12/share.png",
    "https://s.example/images/og-image-default.png",
    "https://s.example/presskit/icons/cc.svg",
    "https://s.example/img2/post-image-150x150.jpg",
    "https://cdn.example/static/example-social-card.png",
])
def test_site_images(src):
    assert is_site_image(src, frozenset({"example"}))


@pytest.mark.parametrize("src", [
    "https://s.example/wp-content/uploads/2024/03/to-learn-4229622_640.jpg",
    "https://s.example/uploads/2023/06/NG_0609_SocialMediaAgencies_Cover_1600x800.jpg",
    "https://s.example/uploads/2025/12/Year-in-review-2025-Mathematics-Social.jpg",
    "https://s.example/uploads/2024/02/Adolescent-mental-health_feature-image_notes-but-no-logo_v2.png",
    "https://s.example/uploads/2016/02/Hammocks-16x9-1.jpg",
    "https://s.example/wp-content/uploads/2023/07/IMG_4287.jpeg",
    "https://s.example/uploads/image-10.png",
    "https://s.example/media/5447b841-62fb-43cc-913c-b5d4f5a825bf",
    "https://s.example/files/white-layflat-product-transparent_9bac73e7.png",
])
def test_pictures_of_an_article(src):
    assert not is_site_image(src, frozenset({"example"}))


def test_lead_image_takes_the_first_picture_of_the_article_made_absolute():
    assert lead_image([None, "/static/logo.png", "/uploads/harbour.jpg"], "https://s.example/a") == (
        "https://s.example/uploads/harbour.jpg")
    assert lead_image(["/static/share.png"], "https://s.example/a") is None
    assert lead_image(["javascript:alert(1)"], "https://s.example/a") is None


def test_a_card_named_after_the_site_is_the_sites():
    assert lead_image(["/img/acme-share.png"], "https://www.acme.example/a") is None
    assert lead_image(["/img/acme-share.png"], "https://news.example/a", site_name="Acme News") is None
    assert lead_image(["/img/harbour-share.png"], "https://www.acme.example/a") == (
        "https://www.acme.example/img/harbour-share.png")
