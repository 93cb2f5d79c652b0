"""The versioned owners: one description of each kind of thing that owns a document (a page, a definition, a
comment), and the history, revision, diff and revert routes registered once for each from it.

An OwnerKind says how a kind is found from its URL, how to link to it and name it, who may see it and its hidden
revisions, and who may revert it. Each domain describes its kind; `register_history_routes` adds the routes to
its blueprint under the endpoint names templates link to (`pages.history`, `definitions.diff`, …).
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from flask import Blueprint, flash, redirect, render_template, request
from flask_login import current_user

from wiki.auth.permissions import member_action
from wiki.caching import cached_for_readers
from wiki.changes import Version
from wiki.extensions import db
from wiki.history.display import (
    EditorAgain,
    flash_outcome,
    render_diff,
    render_history,
    render_revert_confirmation,
    render_revision,
    save_edit,
    visible_revision,
)
from wiki.history.forms import DocumentForm
from wiki.history.service import get_revision_or_404, revert_to
from wiki.inputs import number_arg, page_number_arg
from wiki.throttling import limit_edits


def _nobody(owner) -> bool:
    return False


@dataclass(frozen=True)
class OwnerKind:
    noun: str  # "page": in headings and messages
    rule: str  # the owner's own URL rule, which its history routes extend: "/wiki/<slug>"
    load: Callable[..., Any]  # the routes' arguments -> the owner (a 404 when there is none)
    view_args: Callable[[Any], dict]  # the owner -> its routes' arguments
    title: Callable[[Any], str]  # "Definition 4 of IT manager"
    header_template: str
    names: Callable[[Any], dict]  # what the header template calls the owner: {"page": page}
    show_url: Callable[[Any], str]  # where it is read; a revert lands there
    require_visible: Callable[[Any], None]  # refuses (403) a viewer who may not see it, or its history
    may_see_hidden: Callable[[], bool]  # whether the viewer may read revisions a moderator hid
    version: Callable[..., Version | None] | None = None  # the newest change its views show, to keep them
    may_revert: Callable[[Any], bool] = _nobody  # whether to offer the viewer a revert
    require_revertible: Callable[[Any], None] | None = None  # refuses a revert (403/400); None: never reverted

    def context(self, owner, endpoint_prefix: str) -> dict:
        """What the shared history templates need to draw this owner's header and links."""
        self.require_visible(owner)
        return {
            **self.names(owner),
            "owner_title": self.title(owner),
            "owner_noun": self.noun,
            "header_template": self.header_template,
            "endpoint_prefix": endpoint_prefix,
            "owner_args": self.view_args(owner),
            "can_revert": self.require_revertible is not None and self.may_revert(owner),
            "show_hidden": self.may_see_hidden(),
        }


@dataclass(frozen=True)
class Editor:
    """How one kind is edited in place (a page's editor, which also creates pages, is its own)."""

    form: type[DocumentForm]
    template: str  # drawn with the owner's names (kind.names) and `form`
    require_editable: Callable[[Any], None]  # refuses (403/400) who may not edit it, or a state that may not be
    summary: Callable[[DocumentForm], str]
    saved_url: Callable[[Any], str]  # where a save lands
    limit: Callable  # the rate limit its saves count against
    invalid_status: int = 422


def register_edit_route(bp: Blueprint, kind: OwnerKind, editor: Editor) -> None:
    """GET the editor with the current text; POST saves, merging a stale base or answering 409 with both texts."""

    def edit(**view_args):
        owner = kind.load(**view_args)
        editor.require_editable(owner)
        form = editor.form()

        def show(status: int = 200, **extra):
            return render_template(editor.template, form=form, **kind.names(owner), **extra), status

        if request.method == "GET":
            head = owner.document.head
            form.body.data, form.base_revision.data = head.body, str(head.number)
            return show()
        if not form.validate():
            return show(editor.invalid_status)
        result = save_edit(
            owner, form, current_user, editor.summary(form), show_hidden=kind.may_see_hidden(),
            invalid_status=editor.invalid_status,
        )  # fmt: skip
        if isinstance(result, EditorAgain):
            db.session.rollback()
            return show(result.status, **result.extra)
        db.session.commit()
        flash_outcome(result)
        return redirect(editor.saved_url(owner), code=303)

    view = member_action(editor.limit(_named(edit, bp.name)))
    bp.add_url_rule(kind.rule + "/edit", "edit", view, methods=["GET", "POST"])


def register_history_routes(bp: Blueprint, kind: OwnerKind) -> None:
    """history, revision, diff and, for kinds that can be reverted, revert (GET asks first, POST does it)."""
    prefix = bp.name

    def keep(query_args: tuple[str, ...]):
        return cached_for_readers(kind.version, query_args) if kind.version else (lambda view: view)

    def history(**view_args):
        """Every revision, newest first, with size changes; pick two to compare."""
        owner = kind.load(**view_args)
        return render_history(owner.document, page_number_arg(), kind.context(owner, prefix))

    def revision(number: int, **view_args):
        """An old revision, rendered and marked as old."""
        owner = kind.load(**view_args)
        return render_revision(owner.document, number, kind.context(owner, prefix))

    def diff(**view_args):
        """Line and word differences between two revisions, unchanged context folded."""
        owner = kind.load(**view_args)
        numbers = (number_arg(name, noun="a revision number") for name in ("from", "to"))
        return render_diff(owner.document, *numbers, kind.context(owner, prefix))

    views = [("history", "/history", keep(("page",))(_named(history, prefix)), ["GET"]),
             ("revision", "/revisions/<int:number>", keep(())(_named(revision, prefix)), ["GET"]),
             ("diff", "/diff", keep(("from", "to"))(_named(diff, prefix)), ["GET"])]  # fmt: skip

    if kind.require_revertible is not None:

        def revertible(view_args: dict, number: int):
            owner = kind.load(**view_args)
            kind.require_revertible(owner)
            context = kind.context(owner, prefix)
            visible_revision(get_revision_or_404(owner.document, number), context)
            return owner, context

        def revert(number: int, **view_args):
            """GET (the link the history pages give) asks first; POST saves a new revision whose text equals
            revision `number`. One rule for both: beside a GET rule of its own at the same URL, a POST whose number
            the converter refuses would be a 405 (Werkzeug counts the GET rule's method), not a 404."""
            owner, context = revertible(view_args, number)
            if request.method == "GET":
                return render_revert_confirmation(owner.document, number, context)
            result = revert_to(owner, number, current_user)
            db.session.commit()
            if result.outcome == "unchanged":
                flash(f"The {kind.noun} already reads as revision {number}; nothing was saved.", "info")
            else:
                flash(f"Reverted to revision {number} as revision {result.revision.number}.", "success")
            return redirect(kind.show_url(owner), code=303)

        views.append(
            ("revert", "/revert/<int:number>", member_action(limit_edits(_named(revert, prefix))), ["GET", "POST"])
        )

    for endpoint, suffix, view, methods in views:
        bp.add_url_rule(kind.rule + suffix, endpoint, view, methods=methods)


def _named(view, prefix: str):
    """Give a shared view its own name per blueprint, so rate limits and tracebacks tell the kinds apart."""
    view.__name__ = view.__qualname__ = f"{prefix}_{view.__name__}"
    return view
