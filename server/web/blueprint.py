"""The web UI's blueprint, apart from the package: its view modules import it, and the package
imports them to register their routes."""
from flask import Blueprint

# Not /static: the app's own static route (registered by Flask even without a folder) would win.
bp = Blueprint("web", __name__, template_folder="templates", static_folder="static",
               static_url_path="/assets")
