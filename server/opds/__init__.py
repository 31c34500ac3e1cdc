"""The OPDS catalog under /opds, for e-readers: its own blueprint, because OPDS readers
sign in as they can, with HTTP Basic (username and an API token, or the password) or a
Bearer token, and are asked to with a WWW-Authenticate challenge."""
from flask import Blueprint

bp = Blueprint("opds", __name__, url_prefix="/opds")

from . import auth, catalog  # noqa: E402,F401  (routes and handlers register on bp)
