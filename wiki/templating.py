"""Template filters: times and sizes, shown the same way everywhere."""

from datetime import datetime

from flask import Flask

from wiki.auth.permissions import may_moderate, may_modify
from wiki.extensions import utcnow
from wiki.rendering import excerpt


def iso_time(moment: datetime) -> str:
    return moment.isoformat().replace("+00:00", "Z")


def exact_time(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%d %H:%M UTC")


def time_ago(moment: datetime) -> str:
    seconds = int((utcnow() - moment).total_seconds())
    if seconds < 60:
        return "just now"
    for unit, length in (("year", 365 * 86400), ("month", 30 * 86400), ("day", 86400), ("hour", 3600), ("minute", 60)):
        if seconds >= length:
            count = seconds // length
            return f"{count} {unit}{'s' if count != 1 else ''} ago"
    return "just now"


def signed_bytes(change: int) -> str:
    return f"+{change:,}" if change > 0 else f"{change:,}" if change < 0 else "±0"


def register_template_helpers(app: Flask) -> None:
    app.add_template_filter(iso_time, "iso")
    app.add_template_filter(exact_time, "exact")
    app.add_template_filter(time_ago, "ago")
    app.add_template_filter(signed_bytes, "signed")
    app.add_template_filter(excerpt, "excerpt")
    app.add_template_global(may_modify, "may_modify")
    app.add_template_global(may_moderate, "may_moderate")
