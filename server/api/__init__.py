"""The JSON API under /api/v1."""
from flask import Blueprint

bp = Blueprint("api", __name__, url_prefix="/api/v1")

from . import auth, books, export, highlights, jobs, pages, review  # noqa: E402,F401  (routes register on bp)
