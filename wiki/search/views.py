"""Search: a box in every page's header, ranked results with marked snippets, filtered by kind."""

from flask import Blueprint, abort, render_template

from wiki.auth.permissions import may_moderate
from wiki.caching import cached_for_readers
from wiki.changes import newest_version, on_change
from wiki.inputs import page_number_arg
from wiki.pages.models import find_page, redirect_if_moved, slugify, slugs_of
from wiki.search.index import index_change
from wiki.search.query import backlinks
from wiki.search.results import kind_arg, query_arg, query_problem, searched, shown_links, shown_results

bp = Blueprint("search", __name__)
bp.record_once(lambda state: on_change(state.app, index_change))

@bp.get("/search")
@cached_for_readers(newest_version, query_args=("q", "kind", "page"))
def search():
    """Pages, definitions and comments whose current text holds the words, best first."""
    query, kind, page = query_arg(), kind_arg(), page_number_arg()
    if not query.strip():
        return render_template("search/results.html", query="", kind=kind, found=None, problem=None, exact=None)
    found = searched(query, kind, page)
    exact = find_page(slugify(query)) if slugify(query) and page == 1 else None
    shown = shown_results(found)
    return render_template(
        "search/results.html", query=query, kind=kind, found=found, shown=shown, problem=query_problem(found),
        exact=exact,
    )  # fmt: skip


@bp.get("/wiki/<slug>/links")
@cached_for_readers(newest_version)  # links from anywhere: any change may add one
def links_here(slug: str):
    """What links to a page (pages, definitions, comments), or to a page still to be written."""
    page = find_page(slug)
    if page is None:
        redirect_if_moved(slug)
    linking = backlinks(slugs_of(page) if page else {slug}, with_hidden=may_moderate())
    if page is None and not linking:
        abort(404, description=f"There is no page called “{slug}”, and nothing links to it.")
    return render_template("search/links.html", page=page, slug=slug, shown=shown_links(linking))
