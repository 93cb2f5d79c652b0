"""The history, old-revision and diff views every owner (page, definition, comment) shares."""

from dataclasses import dataclass, field

from flask import abort, flash, render_template, url_for
from flask_login import current_user

from wiki.caching import kept
from wiki.diffing import diff_lines, side_by_side
from wiki.history.models import Document, Revision, Versioned
from wiki.history.service import (
    HiddenBase,
    InvalidBase,
    SaveResult,
    diff_pair,
    get_revision_or_404,
    history_page,
    save_revision,
)
from wiki.rendering import RenderingRefused


def render_history(document: Document, page_number: int, context: dict) -> str:
    """Every revision, newest first; `context` names the owner for the shared templates."""
    entries = history_page(document, page_number, show_hidden=context.get("show_hidden", False))
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
    """The revision, unless a moderator hid it from this viewer."""
    if not revision.visible_to(current_user):
        abort(403, description=HIDDEN)
    return revision


def render_revision(document: Document, number: int, context: dict) -> str:
    return render_template(
        "history/revision.html",
        revision=visible_revision(get_revision_or_404(document, number), context),
        head_number=document.head_number,
        **context,
    )


def render_revert_confirmation(document: Document, number: int, context: dict) -> str:
    """The page that asks before a revert: what it will do, the revision's text, and the button that does it."""
    return render_template(
        "history/confirm_revert.html",
        revision=visible_revision(get_revision_or_404(document, number), context),
        head_number=document.head_number,
        **context,
    )


# Diffs of texts larger than this are not kept, so the cache stays within a few tens of megabytes.
CACHED_DIFF_MAX_CHARS = 100_000


def revision_diff(older: Revision, newer: Revision) -> tuple:
    """Revisions never change, so the diff of two of them is kept under their ids."""
    if len(older.body) + len(newer.body) > CACHED_DIFF_MAX_CHARS:
        return tuple(diff_lines(older.body, newer.body))
    return kept("diffs", (older.id, newer.id), lambda: tuple(diff_lines(older.body, newer.body)))


def render_diff(document: Document, first: int, second: int, context: dict) -> str:
    """Revisions `first` and `second` compared, older first whichever way they were given."""
    older, newer = (visible_revision(revision, context) for revision in diff_pair(document, first, second))
    return render_template(
        "history/diff.html",
        older=older,
        newer=newer,
        rows=revision_diff(older, newer),
        head_number=document.head_number,
        **context,
    )


HIDDEN_BASE = "The editor started from a revision whose text a moderator has hidden. Start again from the current text."


@dataclass(frozen=True)
class EditorAgain:
    """A save that did not happen: the view shows its editor again with this status, the user's text in the form
    and `extra` for the template (their version beside the user's, on a conflict)."""

    status: int
    extra: dict = field(default_factory=dict)


def save_edit(owner: Versioned, form, author, summary: str, *, show_hidden: bool, invalid_status: int = 422):
    """Save what an editor form (fields body and base_revision) sent: the SaveResult, or an EditorAgain with the
    form's errors set and nothing saved (the view rolls back and answers).

    A base revision that does not exist, or whose text is hidden from this editor (`show_hidden` false), is an
    error of `invalid_status`; an overlapping stale edit is a 409, with the user's text in the form and theirs
    beside it.
    """
    try:
        result = save_revision(owner, form.text(), author, summary, form.base_number, may_see_hidden=show_hidden)
    except HiddenBase:
        form.base_revision.errors = [HIDDEN_BASE]
        return EditorAgain(invalid_status)
    except InvalidBase:
        form.base_revision.errors = ["The editor started from a revision that does not exist."]
        return EditorAgain(invalid_status)
    except RenderingRefused as refusal:  # the merge of theirs and yours has more markup than either alone
        form.body.errors = [str(refusal)]
        return EditorAgain(422)
    if result.outcome == "conflict":
        theirs = result.head
        form.base_revision.data = str(theirs.number)  # saving again means "I have seen their version"
        form.show(result.body)
        return EditorAgain(409, {"conflict": side_by_side(theirs.body, result.body), "theirs": theirs})
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
