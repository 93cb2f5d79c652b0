"""Definitions: propose, show, edit (versioned like pages), withdraw, stances, compare."""

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user

from wiki.auth.permissions import (
    may_moderate,
    may_modify,
    member_action,
    require_author_or_moderator,
    require_unlocked,
    require_visible,
)
from wiki.caching import cached_for_readers
from wiki.definitions.display import definitions_section, render_definition
from wiki.definitions.forms import DefinitionEditForm, DefinitionForm
from wiki.definitions.models import (
    Definition,
    definition_version,
    get_definition_or_404,
    ranked_one,
    withdraw_definition,
)
from wiki.diffing import side_by_side
from wiki.extensions import db
from wiki.history.models import Document
from wiki.history.owners import Editor, OwnerKind, register_edit_route, register_history_routes
from wiki.history.service import save_revision
from wiki.inputs import number_arg
from wiki.pages.display import render_page
from wiki.pages.models import PageKind, get_page_or_404
from wiki.sections import add_section
from wiki.throttling import limit_edits

bp = Blueprint("definitions", __name__)

EDIT_REFUSAL = (
    "Only the member who proposed this definition, and moderators, can edit it. "
    "You can argue with it in its discussion, take a stance on it, or propose a definition of your own."
)


def _require_revisable(definition: Definition) -> None:
    """Editing and reverting: the proposer or a moderator, not while locked, not once withdrawn."""
    require_author_or_moderator(definition.author_id, EDIT_REFUSAL)
    require_unlocked(definition.is_locked, "definition")
    if definition.is_withdrawn:
        abort(400, description="This definition was withdrawn; it is kept as it was.")


DEFINITIONS = OwnerKind(
    noun="definition",
    rule="/definitions/<int:definition_id>",
    load=get_definition_or_404,
    view_args=lambda definition: {"definition_id": definition.id},
    title=lambda definition: f"Definition {definition.id} of {definition.page.title}",
    header_template="definitions/_header.html",
    names=lambda definition: {"definition": definition, "page": definition.page},
    show_url=lambda definition: url_for("definitions.show", definition_id=definition.id),
    require_visible=lambda definition: require_visible(definition, "definition"),
    may_see_hidden=may_moderate,
    version=definition_version,
    may_revert=lambda definition: may_modify(definition.author_id) and not definition.is_withdrawn,
    require_revertible=_require_revisable,
)
register_history_routes(bp, DEFINITIONS)
register_edit_route(
    bp,
    DEFINITIONS,
    Editor(
        form=DefinitionEditForm,
        template="definitions/edit.html",
        require_editable=_require_revisable,
        summary=lambda form: form.summary.data or "",
        saved_url=DEFINITIONS.show_url,
        limit=limit_edits,
    ),
)
add_section(bp, "page", definitions_section)


@bp.post("/wiki/<slug>/definitions")
@member_action
@limit_edits
def propose(slug: str):
    """Propose a definition of a term."""
    page = get_page_or_404(slug)
    if page.kind != PageKind.TERM:
        abort(400, description="Definitions are proposed on terms; this page is an article.")
    if page.is_locked and not may_moderate():
        abort(403, description="This term is locked by a moderator: it takes no new definitions until it is unlocked.")
    form = DefinitionForm()
    if not form.validate():
        return render_page(page, 422, definition_form=form)
    definition = Definition(page=page, author=current_user, document=Document())
    db.session.add(definition)
    save_revision(definition, form.body.data, current_user, "Proposed")
    db.session.commit()
    flash("Your definition is proposed. Others can now endorse or dispute it.", "success")
    return redirect(url_for("definitions.show", definition_id=definition.id), code=303)


@bp.get("/definitions/<int:definition_id>")
@cached_for_readers(definition_version, query_args=("sort",))
def show(definition_id: int):
    """One definition with its discussion."""
    return render_definition(get_definition_or_404(definition_id))


@bp.post("/definitions/<int:definition_id>/withdraw")
@member_action
def withdraw(definition_id: int):
    """The proposer withdraws a definition: it stays visible, marked withdrawn, with its history."""
    definition = get_definition_or_404(definition_id)
    require_author_or_moderator(definition.author_id, "Only the proposer (or a moderator) can withdraw a definition.")
    require_unlocked(definition.is_locked, "definition")
    if not definition.is_withdrawn:
        withdraw_definition(definition, current_user)
        db.session.commit()
        flash("The definition is withdrawn. It stays on the page, marked as withdrawn.", "info")
    return redirect(url_for("definitions.show", definition_id=definition.id), code=303)


@bp.get("/wiki/<slug>/compare")
def compare(slug: str):
    """Two definitions of a term side by side as they read; with diff=1, their differences marked too."""
    page = get_page_or_404(slug)
    chosen = []
    for name in ("a", "b"):
        definition = get_definition_or_404(number_arg(name, noun="a definition number"))
        if definition.page_id != page.id:
            abort(404, description=f"Definition {definition.id} is not a definition of {page.title}.")
        require_visible(definition, "definition")
        chosen.append(ranked_one(definition))
    first, second = chosen
    show_diff = request.args.get("diff") == "1"
    return render_template(
        "definitions/compare.html",
        page=page,
        first=first,
        second=second,
        show_diff=show_diff,
        rows=side_by_side(first.revision.body, second.revision.body) if show_diff else None,
    )
