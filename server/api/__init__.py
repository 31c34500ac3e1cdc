"""The JSON API under /api/v1."""
from . import auth, books, export, highlights, jobs, pages, review  # noqa: F401  (routes register on bp)
from .blueprint import bp

__all__ = ["bp"]
