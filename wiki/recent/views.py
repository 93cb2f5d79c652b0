"""Recent changes and the Atom feeds: all read from the record of changes (or, for a page's feeds, from what the
page's newest change covers), and kept for readers under the newest change they show."""

from flask import Blueprint, render_template, request
from flask_login import current_user

from wiki.auth.permissions import may_moderate
from wiki.caching import cached_for_readers
from wiki.changes import FAMILIES, newest_version
from wiki.pages.models import get_page_or_404
from wiki.pages.versions import page_version
from wiki.paging import paginate
from wiki.recent.feeds import atom_response, discussion_feed, history_feed, recent_feed
from wiki.recent.models import change_ids, lines, page_number_and_filters

bp = Blueprint("recent", __name__)

FILTER_ARGUMENTS = ("kind", "user", "slug", "hide_mine")
# The families a member may filter by: moderators' actions and flags are moderators' alone.
MEMBER_FAMILIES = tuple(family for family in FAMILIES if family not in ("moderation", "flag"))


@bp.get("/recent")
@cached_for_readers(newest_version, query_args=("page", *FILTER_ARGUMENTS))
def index():
    """Every change the viewer may see, newest first, 50 a page: by kind, member or page, or (members) not mine."""
    number, filters = page_number_and_filters(request.args)
    listing = paginate(change_ids(filters, current_user), number, peek=True, noun="list of changes")
    return render_template(
        "recent/index.html",
        lines=lines(listing.items, current_user),
        filters=filters,
        page_number=number,
        has_next=listing.has_next,
        families=FAMILIES if may_moderate() else MEMBER_FAMILIES,
        moderators_only=filters.for_moderators_only and not may_moderate(),
    )


@bp.get("/recent.atom")
@cached_for_readers(newest_version, query_args=FILTER_ARGUMENTS)
def feed():
    """The newest 50 changes readers may see, as Atom (the same filters as /recent)."""
    _, filters = page_number_and_filters(request.args)
    return atom_response(recent_feed(filters))


@bp.get("/wiki/<slug>/history.atom", endpoint="history_feed")
@cached_for_readers(page_version)
def history_feed_of(slug: str):
    """A page's newest 50 revisions, as Atom."""
    return atom_response(history_feed(get_page_or_404(slug, with_text=False)))


@bp.get("/wiki/<slug>/discussion.atom", endpoint="discussion_feed")
@cached_for_readers(page_version)
def discussion_feed_of(slug: str):
    """The newest 50 comments on a page and its definitions, as Atom."""
    return atom_response(discussion_feed(get_page_or_404(slug, with_text=False)))
