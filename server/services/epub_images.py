"""The images of a book: fetched through the one fetcher (server/services/fetch.py, with
its address checks, redirects checked, timeouts and size cap), raster only, and bounded
per image, per book and in time. An image that cannot be had is simply not in the book
(its chapter keeps the alt text)."""
from __future__ import annotations

import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace

from . import fetch

# EPUB 3 core media types that are raster images, by their first bytes: the type a
# site declares is not trusted, what the bytes are decides.
RASTER_SIGNATURES = (
    (b"\x89PNG\r\n\x1a\n", "image/png", "png"),
    (b"\xff\xd8\xff", "image/jpeg", "jpg"),
    (b"GIF87a", "image/gif", "gif"),
    (b"GIF89a", "image/gif", "gif"),
)
RASTER_TYPES = ("image/png", "image/jpeg", "image/gif", "image/pjpeg")
ACCEPT = "image/png,image/jpeg,image/gif;q=0.9"


@dataclass(frozen=True)
class ImageLimits:
    """How much of a book may be images, and how long fetching them may take."""

    max_image_bytes: int = 5 * 1024 * 1024
    max_total_bytes: int = 60 * 1024 * 1024
    max_images: int = 600
    per_image_timeout_s: float = 15.0
    total_time_s: float = 60.0  # well inside the WSGI server's worker timeout (120 s)
    threads: int = 4


@dataclass(frozen=True)
class Image:
    data: bytes
    media_type: str
    extension: str


def sniff(data: bytes) -> tuple[str, str] | None:
    """(media type, file extension) of a PNG, JPEG or GIF, or None for anything else."""
    for signature, media_type, extension in RASTER_SIGNATURES:
        if data.startswith(signature):
            return media_type, extension
    return None


ImageSource = Callable[[str], Image | None]


def web_images(settings: fetch.FetchSettings, limits: ImageLimits) -> ImageSource:
    """Fetches an image URL as the server fetches any link; None when it is refused,
    fails, is too large or is not a raster image."""
    settings = replace(settings, total_timeout=min(settings.total_timeout, limits.per_image_timeout_s),
                       max_bytes=limits.max_image_bytes)

    def get(url: str) -> Image | None:
        try:
            response = fetch.fetch(url, settings, accept=ACCEPT, accept_types=RASTER_TYPES,
                                   max_bytes=limits.max_image_bytes)
        except fetch.FetchError:
            return None
        kind = sniff(response.body)
        return Image(response.body, *kind) if kind else None

    return get


class ImageBudget:
    """Fetches images for one book, several at a time, within the book's limits."""

    def __init__(self, source: ImageSource | None, limits: ImageLimits):
        self.source, self.limits = source, limits
        self.deadline = time.monotonic() + limits.total_time_s
        self.count = 0
        self.total = 0

    def fetch_all(self, urls: list[str]) -> dict[str, Image]:
        """The images that could be had, by URL, in the order asked."""
        if self.source is None or not urls:
            return {}
        room = max(0, self.limits.max_images - self.count)
        urls = urls[:room]
        if not urls or time.monotonic() >= self.deadline:
            return {}
        with ThreadPoolExecutor(max_workers=max(1, self.limits.threads)) as pool:
            results = list(pool.map(self._get, urls))
        found: dict[str, Image] = {}
        for url, image in zip(urls, results, strict=True):
            if image is None or self.total + len(image.data) > self.limits.max_total_bytes:
                continue
            self.total += len(image.data)
            self.count += 1
            found[url] = image
        return found

    def _get(self, url: str) -> Image | None:
        if self.source is None or time.monotonic() >= self.deadline:
            return None
        return self.source(url)
