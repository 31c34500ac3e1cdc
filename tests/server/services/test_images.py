"""Which bytes count as an image the reader may show, the image URL signatures, and the
image cache."""
from datetime import timedelta

import pytest

from server.models import CachedImage, utcnow
from server.services import fetch, images
from server.services.images import raster_type, signature

AVIF_HEAD = b"\x00\x00\x00\x1cftypavif\x00\x00\x00\x00avifmif1miaf"
AVIF_COMPATIBLE = b"\x00\x00\x00\x1cftypmif1\x00\x00\x00\x00mif1avifmiaf"
HEIC_HEAD = b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic"


@pytest.mark.parametrize(("body", "kind"), [
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "image/png"),
    (b"\xff\xd8\xff\xe0\x00\x10JFIF", "image/jpeg"),
    (b"GIF89a\x01\x00\x01\x00", "image/gif"),
    (b"GIF87a\x01\x00\x01\x00", "image/gif"),
    (b"RIFF\x24\x00\x00\x00WEBPVP8 ", "image/webp"),
    (AVIF_HEAD, "image/avif"),
    (AVIF_COMPATIBLE, "image/avif"),
    (HEIC_HEAD, None),
    (b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', None),
    (b'<?xml version="1.0"?><svg/>', None),
    (b"<!doctype html><html>", None),
    (b"RIFF\x24\x00\x00\x00WAVEfmt ", None),
    (b"", None),
])
def test_only_raster_images_are_recognized_by_their_first_bytes(body, kind):
    assert raster_type(body) == kind


def test_a_signature_is_for_one_user_one_page_and_one_url():
    base = signature("secret", 1, 2, "https://example.org/a.png")
    assert base == signature("secret", 1, 2, "https://example.org/a.png")
    assert len({base, signature("secret", 3, 2, "https://example.org/a.png"),
                signature("secret", 1, 4, "https://example.org/a.png"),
                signature("secret", 1, 2, "https://example.org/b.png"),
                signature("other", 1, 2, "https://example.org/a.png")}) == 5


# ---- the cache: bounded, least recently used out, one fetch at a time ----------------

SETTINGS = fetch.FetchSettings(max_bytes=1000)
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 92  # 100 bytes


@pytest.fixture
def fetched(monkeypatch) -> list[str]:
    """The URLs fetched; each answers a 100-byte PNG."""
    urls: list[str] = []

    def fake_fetch(url, settings, max_bytes):
        urls.append(url)
        return "image/png", PNG, None

    monkeypatch.setattr(images, "_fetch", fake_fetch)
    return urls


def cached(session, url: str) -> CachedImage | None:
    return session.get(CachedImage, images.url_hash(url), populate_existing=True)


def stored(session, url: str) -> CachedImage:
    row = cached(session, url)
    assert row is not None, url
    return row


def age(session, url: str, by: timedelta) -> None:
    row = stored(session, url)
    row.fetched_at = utcnow() - by
    session.commit()


def test_past_its_size_the_cache_drops_the_least_recently_used_images(session, fetched):
    def get(url):
        return images.get_image(session, url, SETTINGS, max_bytes=1000, max_cache_bytes=250)

    get("https://example.org/a.png")
    get("https://example.org/b.png")
    age(session, "https://example.org/a.png", timedelta(hours=3))
    age(session, "https://example.org/b.png", timedelta(hours=2))
    assert get("https://example.org/a.png").body == PNG  # served from the cache, and now recently used
    get("https://example.org/c.png")  # 300 bytes: one must go
    assert fetched == ["https://example.org/a.png", "https://example.org/b.png", "https://example.org/c.png"]
    assert cached(session, "https://example.org/b.png") is None
    assert stored(session, "https://example.org/a.png").body == PNG
    assert stored(session, "https://example.org/c.png").body == PNG


def test_a_reader_waits_for_the_image_another_request_is_fetching(session, fetched):
    url = "https://example.org/busy.png"
    session.add(CachedImage(url_hash=images.url_hash(url), url=url, fetched_at=utcnow()))  # the other's claim
    session.commit()
    waits: list[float] = []

    def other_request_finishes(seconds: float) -> None:
        waits.append(seconds)
        if len(waits) == 3:
            row = stored(session, url)
            row.content_type, row.body = "image/png", PNG
            session.commit()

    image = images.get_image(session, url, SETTINGS, max_bytes=1000, max_cache_bytes=10_000,
                             sleep=other_request_finishes)
    assert image.body == PNG and len(waits) == 3
    assert fetched == []  # fetched once, by the other request


def test_a_claim_left_by_a_request_that_died_is_taken_over(session, fetched):
    url = "https://example.org/abandoned.png"
    session.add(CachedImage(url_hash=images.url_hash(url), url=url, fetched_at=utcnow() - timedelta(hours=1)))
    session.commit()
    image = images.get_image(session, url, SETTINGS, max_bytes=1000, max_cache_bytes=10_000,
                             sleep=lambda _s: pytest.fail("waited for a dead request"))
    assert image.body == PNG and fetched == [url]
