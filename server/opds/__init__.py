"""The OPDS catalog under /opds, for e-readers: its own blueprint, because OPDS readers
sign in as they can, with HTTP Basic (username and an API token, or the password) or a
Bearer token, and are asked to with a WWW-Authenticate challenge."""
from . import auth, catalog  # noqa: F401  (routes and handlers register on bp)
from .blueprint import bp

__all__ = ["bp"]
