"""The history, old-revision and diff views every owner (page, definition, comment) shares."""

from flask import current_app, flash, render_template

from wiki.diffing import diff_lines
from wiki.history.models import Document
from wiki.history.service import SaveResult, diff_pair, get_revision_or_404, history_page, page_number_arg


def render_history(document: Document, context: dict) -> str:
    """Every revision, newest first; `context` names the owner for the shared templates."""
    entries = history_page(document, page_number_arg(), current_app.config["PER_PAGE"])
    return render_template("history/history.html", history=entries, **context)


def render_revision(document: Document, number: int, context: dict) -> str:
    return render_template(
        "history/revision.html",
        revision=get_revision_or_404(document, number),
        head_number=document.head_number,
        **context,
    )


def render_diff(document: Document, context: dict) -> str:
    older, newer = diff_pair(document)
    return render_template(
        "history/diff.html",
        older=older,
        newer=newer,
        rows=diff_lines(older.body, newer.body),
        head_number=document.head_number,
        **context,
    )


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
