"""Which bytes count as an image the reader may show, and the image URL signatures."""
import pytest

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
