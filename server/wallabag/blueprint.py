"""The Wallabag API's blueprint, apart from the package: its view modules import it, and the package
imports them to register their routes."""
from flask import Blueprint

bp = Blueprint("wallabag", __name__)
