"""Read-only JSON: pages and their revisions. Errors are JSON too (see wiki.errors)."""

from flask import Blueprint, current_app, url_for

from wiki.history.models import Revision
from wiki.history.service import get_revision_or_404, history_page, page_number_arg
from wiki.pages.models import Page, count_pages, get_page_or_404, recently_changed
from wiki.templating import iso_time

bp = Blueprint("api", __name__, url_prefix="/api/v1")


def _next_url(endpoint: str, page_number: int, has_next: bool, **args) -> str | None:
    return url_for(endpoint, page=page_number + 1, _external=True, **args) if has_next else None


def page_json(page: Page, revision: Revision) -> dict:
    return {
        "slug": page.slug,
        "title": page.title,
        "kind": page.kind.value,
        "revision": revision.number,
        "body": revision.body,
        "html": revision.html,
        "author": revision.author.username,
        "summary": revision.summary,
        "updated_at": iso_time(revision.created_at),
    }


@bp.get("/pages")
def pages():
    """Pages, most recently changed first, 50 a page."""
    page_number = page_number_arg()
    per_page = current_app.config["PER_PAGE"]
    rows = recently_changed((page_number - 1) * per_page, per_page)
    has_next = page_number * per_page < count_pages()
    return {
        "pages": [
            {
                "slug": page.slug,
                "title": page.title,
                "kind": page.kind.value,
                "revision": revision.number,
                "updated_at": iso_time(revision.created_at),
            }
            for page, revision in rows
        ],
        "next": _next_url("api.pages", page_number, has_next),
    }


@bp.get("/pages/<slug>")
def page(slug: str):
    """The current revision of a page."""
    found = get_page_or_404(slug)
    return page_json(found, found.document.head)


@bp.get("/pages/<slug>/revisions")
def revisions(slug: str):
    """A page's revisions, newest first, 50 a page."""
    found = get_page_or_404(slug)
    page_number = page_number_arg()
    listing = history_page(found.document, page_number, current_app.config["PER_PAGE"])
    return {
        "revisions": [
            {
                "number": entry.revision.number,
                "author": entry.revision.author.username,
                "summary": entry.revision.summary,
                "created_at": iso_time(entry.revision.created_at),
                "size": entry.revision.size,
            }
            for entry in listing.entries
        ],
        "next": _next_url("api.revisions", page_number, listing.has_next, slug=slug),
    }


@bp.get("/pages/<slug>/revisions/<int:number>")
def revision(slug: str, number: int):
    """One revision of a page, with the same fields as the page itself."""
    found = get_page_or_404(slug)
    return page_json(found, get_revision_or_404(found.document, number))
