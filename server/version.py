"""The version of Gloss, apart from the app factory so any module can read it."""
__version__ = "0.1.0"
