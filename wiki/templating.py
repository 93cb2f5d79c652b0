"""Template filters: times and sizes, shown the same way everywhere.

Times are written absolute (`<time datetime="…">2026-11-30 10:00 UTC</time>`); static/js/times.js says "5 minutes
ago" in the browser, so a kept rendering never goes stale.
"""

from datetime import datetime

from flask import Flask

from wiki.auth.permissions import may_moderate, may_modify
from wiki.rendering import table_of_contents


def iso_time(moment: datetime) -> str:
    return moment.isoformat().replace("+00:00", "Z")


def exact_time(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%d %H:%M UTC")


def signed_bytes(change: int) -> str:
    return f"+{change:,}" if change > 0 else f"{change:,}" if change < 0 else "±0"


def register_template_helpers(app: Flask) -> None:
    app.add_template_filter(iso_time, "iso")
    app.add_template_filter(exact_time, "exact")
    app.add_template_filter(signed_bytes, "signed")
    app.add_template_filter(table_of_contents, "contents")
    app.add_template_global(may_modify, "may_modify")
    app.add_template_global(may_moderate, "may_moderate")
