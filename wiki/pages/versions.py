"""The versions page renderings are kept under: the newest change recorded for what they show (wiki/changes.py)."""

from sqlalchemy import select

from wiki.changes import Change, Version, newest_change
from wiki.pages.models import Page


def page_version(slug: str, **_view_args) -> Version | None:
    """A page's views show its text, history, definitions and discussions: every change to them is the page's."""
    return newest_change(Change.page_id == select(Page.id).where(Page.slug == slug).scalar_subquery())


def home_version(**_view_args) -> Version | None:
    """The list of pages changes only with a change to a page itself (created, saved, renamed, locked)."""
    return newest_change(Change.target_type == "page")
