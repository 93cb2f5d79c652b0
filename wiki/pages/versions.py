"""The versions page renderings are kept under: the newest change recorded for what they show (wiki/changes.py)."""

from sqlalchemy import bindparam, select

from wiki.changes import Change, Version, newest_change, newest_change_query
from wiki.pages.models import Page

# A page's views show its text, history, definitions and discussions: every change to them is the page's; and
# their [[links]] are drawn as the titles of the wiki stand.
_OF_PAGE = newest_change_query(
    Change.page_id == select(Page.id).where(Page.slug == bindparam("slug")).scalar_subquery(), with_titles=True
)
# The list of pages changes only with a change to a page itself (created, saved, renamed, locked).
_OF_ANY_PAGE = newest_change_query(Change.target_type == "page")


def page_version(slug: str, **_view_args) -> Version | None:
    return newest_change(_OF_PAGE, slug=slug)


def home_version(**_view_args) -> Version | None:
    return newest_change(_OF_ANY_PAGE)
