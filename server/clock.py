"""The time of day as the app sees it. Tests of the daily review move it forward with
the NOW setting (GLOSS_NOW), honoured only when the app runs in testing mode."""
from __future__ import annotations

from datetime import datetime

from flask import current_app

from .models import utcnow
from .scheduling import as_utc


def now() -> datetime:
    fixed = current_app.config.get("NOW") if current_app.config.get("TESTING") else None
    if fixed:
        return as_utc(fixed if isinstance(fixed, datetime) else datetime.fromisoformat(fixed))
    return utcnow()
