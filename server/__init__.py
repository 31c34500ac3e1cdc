"""Gloss: a self-hosted read-it-later and annotation service."""
from __future__ import annotations

from .app import create_app as create_app
from .version import __version__ as __version__
