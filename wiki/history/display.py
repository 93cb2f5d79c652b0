"""The history, old-revision and diff views every owner (page, definition, comment) shares."""

from functools import lru_cache

from flask import abort, current_app, flash, make_response, render_template, url_for

from wiki.diffing import diff_lines, side_by_side
from wiki.extensions import db
from wiki.history.models import Document, Revision
from wiki.history.service import (
    HiddenBase,
    InvalidBase,
    SaveResult,
    diff_pair,
    get_revision_or_404,
    history_page,
    save_revision,
)
from wiki.inputs import page_number_arg
from wiki.rendering import RenderingRefused


def render_history(document: Document, context: dict) -> str:
    """Every revision, newest first; `context` names the owner for the shared templates."""
    entries = history_page(
        document, page_number_arg(), current_app.config["PER_PAGE"], show_hidden=context.get("show_hidden", False)
    )
    if entries.page > 1 and not entries.entries:
        abort(404, description=f"The history has no page {entries.page}.")
    prefix, args = context["endpoint_prefix"], context["owner_args"]

    def revision_url(number: int) -> str:
        return url_for(f"{prefix}.revision", number=number, **args)

    def diff_url(older: int, newer: int) -> str:
        return url_for(f"{prefix}.diff", **args, **{"from": older, "to": newer})

    return render_template(
        "history/history.html", history=entries, revision_url=revision_url, diff_url=diff_url, **context
    )


HIDDEN = "A moderator has hidden the text of this revision. Moderators and administrators can still see it."


def visible_revision(revision: Revision, context: dict) -> Revision:
    """The revision, unless a moderator hid it and the viewer may not see hidden text (`show_hidden`)."""
    if revision.is_hidden and not context.get("show_hidden"):
        abort(403, description=HIDDEN)
    return revision


def render_revision(document: Document, number: int, context: dict) -> str:
    return render_template(
        "history/revision.html",
        revision=visible_revision(get_revision_or_404(document, number), context),
        head_number=document.head_number,
        **context,
    )


# Diffs of texts larger than this are not kept, so the cache stays within a few tens of megabytes.
CACHED_DIFF_MAX_CHARS = 100_000


@lru_cache(maxsize=128)
def _cached_diff(older_id: int, newer_id: int, older_body: str, newer_body: str) -> tuple:
    return tuple(diff_lines(older_body, newer_body))


def revision_diff(older: Revision, newer: Revision) -> tuple:
    """Revisions never change, so the diff of two of them is worked out once per process."""
    if len(older.body) + len(newer.body) > CACHED_DIFF_MAX_CHARS:
        return tuple(diff_lines(older.body, newer.body))
    return _cached_diff(older.id, newer.id, older.body, newer.body)


def render_diff(document: Document, context: dict) -> str:
    older, newer = (visible_revision(revision, context) for revision in diff_pair(document))
    return render_template(
        "history/diff.html",
        older=older,
        newer=newer,
        rows=revision_diff(older, newer),
        head_number=document.head_number,
        **context,
    )


HIDDEN_BASE = "The editor started from a revision whose text a moderator has hidden. Start again from the current text."


def save_edit(
    document: Document, form, author, summary: str, show_editor, *, show_hidden: bool, invalid_status: int = 422
) -> SaveResult:
    """Save what an editor form (fields body and base_revision) sent, or answer with the editor and save nothing.

    A base revision that does not exist, or whose text is hidden from this editor (`show_hidden` false), gets
    the editor back with an error (`invalid_status`); an overlapping stale edit gets it back with 409, the
    user's text in place and theirs beside it. `show_editor(status, **extra)` draws the owner's editor page.
    """

    def refuse(field, message: str, status: int):
        db.session.rollback()
        field.errors = [message]
        abort(make_response(show_editor(status)))

    try:
        result = save_revision(document, form.body.data, author, summary, form.base_number, may_see_hidden=show_hidden)
    except HiddenBase:
        refuse(form.base_revision, HIDDEN_BASE, invalid_status)
    except InvalidBase:
        refuse(form.base_revision, "The editor started from a revision that does not exist.", invalid_status)
    except RenderingRefused as refusal:  # the merge of theirs and yours has more markup than either alone
        refuse(form.body, str(refusal), 422)
    if result.outcome == "conflict":
        db.session.rollback()
        theirs = result.head
        form.base_revision.data = str(theirs.number)  # saving again means "I have seen their version"
        form.body.data = result.body
        abort(make_response(show_editor(409, conflict=side_by_side(theirs.body, result.body), theirs=theirs)))
    return result


def flash_outcome(result: SaveResult) -> None:
    """Tell the editor what their save did."""
    if result.outcome == "created":
        flash(f"Saved revision {result.revision.number}.", "success")
    elif result.outcome == "merged":
        flash(
            "Someone saved this while you were editing. Your changes touched other lines, so they were merged "
            f"with theirs and saved as revision {result.revision.number}. Check the result.",
            "warning",
        )
    else:
        flash("You changed nothing, so no new revision was saved.", "info")
