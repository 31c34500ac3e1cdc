"""What you read, at a glance (/reading): plots drawn by Chart.js, served by Gloss
itself, over tables that say the same for screen readers and without scripts."""
from __future__ import annotations

from flask import g, render_template

from ..clock import now
from ..db import db_session
from ..services import reading as reading_service
from .blueprint import bp
from .session import login_required


@bp.get("/reading")
@login_required
def reading():
    stats = reading_service.reading_stats(db_session, g.user, now())
    charts = {
        "weeks": [w.start.isoformat() for w in stats.weeks],
        "saved": [w.saved for w in stats.weeks],
        "read": [w.read for w in stats.weeks],
        "highlights": [w.highlights for w in stats.weeks],
        "tags": [name for name, _ in stats.top_tags],
        "tagCounts": [n for _, n in stats.top_tags],
    }
    active_days = [d for d in stats.days if d.total]
    return render_template("reading.html", stats=stats, charts=charts, active_days=active_days)
