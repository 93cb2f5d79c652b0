"""Definitions: propose, show, edit (versioned like pages), withdraw, stances, compare."""

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user
from sqlalchemy.exc import IntegrityError

from wiki.auth.permissions import (
    may_moderate,
    may_modify,
    member_action,
    require_author_or_moderator,
    require_unhidden,
    require_unlocked,
)
from wiki.caching import cached_for_readers
from wiki.definitions.forms import DefinitionEditForm, DefinitionForm, StanceForm
from wiki.definitions.models import (
    Definition,
    StanceKind,
    get_definition_or_404,
    ranked_one,
    set_stance,
    stance_of,
)
from wiki.diffing import side_by_side
from wiki.discussion.forms import CommentForm
from wiki.discussion.models import CLOSED, is_closed
from wiki.discussion.service import post_comment
from wiki.discussion.thread import thread_context
from wiki.extensions import db
from wiki.history.display import (
    flash_outcome,
    render_diff,
    render_history,
    render_revision,
    save_edit,
    visible_revision,
)
from wiki.history.models import Document
from wiki.history.service import get_revision_or_404, revert_to, save_revision
from wiki.inputs import number_arg
from wiki.pages.models import PageKind, get_page_or_404
from wiki.pages.versions import definition_page_view_version
from wiki.pages.views import render_page
from wiki.throttling import limit_comments, limit_edits

bp = Blueprint("definitions", __name__)

EDIT_REFUSAL = (
    "Only the member who proposed this definition, and moderators, can edit it. "
    "You can argue with it in its discussion, take a stance on it, or propose a definition of your own."
)


def _history_context(definition: Definition) -> dict:
    """What the shared history templates need for a definition; a hidden one's is for moderators."""
    require_unhidden(definition.is_hidden, "definition")
    return {
        "definition": definition,
        "page": definition.page,
        "owner_title": f"Definition {definition.id} of {definition.page.title}",
        "owner_noun": "definition",
        "header_template": "definitions/_header.html",
        "endpoint_prefix": "definitions",
        "owner_args": {"definition_id": definition.id},
        "can_revert": may_modify(definition.author_id) and not definition.is_withdrawn,
        "show_hidden": may_moderate(),
    }


def render_definition(
    definition: Definition,
    stance_form: StanceForm | None = None,
    comment_form: CommentForm | None = None,
    status: int = 200,
):
    """A definition with its counts, the member's stance, and its discussion."""
    stance = stance_of(definition, current_user) if current_user.is_authenticated else None
    if stance_form is None and current_user.is_authenticated:
        stance_form = StanceForm(formdata=None, stance=stance.kind.value if stance else "none")
    return render_template(
        "definitions/show.html",
        item=ranked_one(definition),
        definition=definition,
        page=definition.page,
        my_stance=stance,
        stance_form=stance_form,
        comment_form=comment_form or (CommentForm(formdata=None) if current_user.is_authenticated else None),
        can_edit=may_modify(definition.author_id),
        **thread_context(definition),
    ), status


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
        return render_page(page, definition_form=form, status=422)
    definition = Definition(page=page, author=current_user, document=Document())
    db.session.add(definition)
    save_revision(definition.document, form.body.data, current_user, "Proposed")
    db.session.commit()
    flash("Your definition is proposed. Others can now endorse or dispute it.", "success")
    return redirect(url_for("definitions.show", definition_id=definition.id), code=303)


@bp.get("/definitions/<int:definition_id>")
@cached_for_readers(definition_page_view_version, query_args=("sort",))
def show(definition_id: int):
    """One definition with its discussion."""
    return render_definition(get_definition_or_404(definition_id))


@bp.route("/definitions/<int:definition_id>/edit", methods=["GET", "POST"])
@member_action
@limit_edits
def edit(definition_id: int):
    """The proposer (or a moderator) revises a definition; stale saves merge or answer 409."""
    definition = get_definition_or_404(definition_id)
    require_author_or_moderator(definition.author_id, EDIT_REFUSAL)
    require_unlocked(definition.is_locked, "definition")
    if definition.is_withdrawn:
        abort(400, description="This definition was withdrawn; it is kept as it was.")
    form = DefinitionEditForm()
    head = definition.document.head
    if request.method == "GET":
        form.body.data, form.base_revision.data = head.body, str(head.number)
        return render_template("definitions/edit.html", definition=definition, form=form)
    if not form.validate():
        return render_template("definitions/edit.html", definition=definition, form=form), 422
    result = save_edit(
        definition.document,
        form,
        current_user,
        form.summary.data or "",
        lambda status, **extra: (
            render_template("definitions/edit.html", definition=definition, form=form, **extra),
            status,
        ),
        show_hidden=may_moderate(),
    )
    db.session.commit()
    flash_outcome(result)
    return redirect(url_for("definitions.show", definition_id=definition.id), code=303)


@bp.post("/definitions/<int:definition_id>/withdraw")
@member_action
def withdraw(definition_id: int):
    """The proposer withdraws a definition: it stays visible, marked withdrawn, with its history."""
    definition = get_definition_or_404(definition_id)
    require_author_or_moderator(definition.author_id, "Only the proposer (or a moderator) can withdraw a definition.")
    require_unlocked(definition.is_locked, "definition")
    if not definition.is_withdrawn:
        definition.withdraw()
        db.session.commit()
        flash("The definition is withdrawn. It stays on the page, marked as withdrawn.", "info")
    return redirect(url_for("definitions.show", definition_id=definition.id), code=303)


@bp.post("/definitions/<int:definition_id>/stance")
@member_action
@limit_comments
def stance(definition_id: int):
    """Endorse, dispute, or take back a stance; a reason is posted as a labelled comment."""
    definition = get_definition_or_404(definition_id)
    form = StanceForm()
    if form.stance.data not in ("endorse", "dispute", "none"):
        abort(400, description="The stance must be endorse, dispute or none.")
    if definition.is_withdrawn:
        abort(400, description="This definition was withdrawn; stances on it are closed.")
    if not form.validate():
        return render_definition(definition, stance_form=form, status=400)
    if form.reason.data and is_closed(definition) and not may_moderate():
        form.reason.errors = [f"{CLOSED} Record your stance without a reason."]
        return render_definition(definition, stance_form=form, status=400)
    kind = None if form.stance.data == "none" else StanceKind(form.stance.data)
    try:
        set_stance(definition, current_user, kind)
        db.session.flush()
    except IntegrityError:  # the same member's other request recorded a stance first: change that one
        db.session.rollback()
        definition = get_definition_or_404(definition_id)
        set_stance(definition, current_user, kind)
    comment = post_comment(definition, form.reason.data, current_user, stance=kind) if form.reason.data else None
    db.session.commit()
    flash(
        {
            None: "Your stance is removed.",
            StanceKind.ENDORSE: "You endorse this definition.",
            StanceKind.DISPUTE: "You dispute this definition.",
        }[kind],
        "success",
    )
    target = url_for("definitions.show", definition_id=definition.id)
    return redirect(f"{target}#comment-{comment.id}" if comment else target, code=303)


@bp.get("/wiki/<slug>/compare")
def compare(slug: str):
    """Two definitions of a term side by side, their differences marked."""
    page = get_page_or_404(slug)
    chosen = []
    for name in ("a", "b"):
        definition = get_definition_or_404(number_arg(name, noun="a definition number"))
        if definition.page_id != page.id:
            abort(404, description=f"Definition {definition.id} is not a definition of {page.title}.")
        require_unhidden(definition.is_hidden, "definition")
        chosen.append(ranked_one(definition))
    first, second = chosen
    return render_template(
        "definitions/compare.html",
        page=page,
        first=first,
        second=second,
        rows=side_by_side(first.revision.body, second.revision.body),
    )


@bp.get("/definitions/<int:definition_id>/history")
@cached_for_readers(definition_page_view_version, query_args=("page",))
def history(definition_id: int):
    definition = get_definition_or_404(definition_id)
    return render_history(definition.document, _history_context(definition))


@bp.get("/definitions/<int:definition_id>/revisions/<int:number>")
@cached_for_readers(definition_page_view_version)
def revision(definition_id: int, number: int):
    definition = get_definition_or_404(definition_id)
    return render_revision(definition.document, number, _history_context(definition))


@bp.get("/definitions/<int:definition_id>/diff")
@cached_for_readers(definition_page_view_version, query_args=("from", "to"))
def diff(definition_id: int):
    definition = get_definition_or_404(definition_id)
    return render_diff(definition.document, _history_context(definition))


@bp.post("/definitions/<int:definition_id>/revert/<int:number>")
@member_action
@limit_edits
def revert(definition_id: int, number: int):
    """The proposer (or a moderator) restores an earlier wording as a new revision."""
    definition = get_definition_or_404(definition_id)
    require_author_or_moderator(definition.author_id, EDIT_REFUSAL)
    require_unlocked(definition.is_locked, "definition")
    if definition.is_withdrawn:
        abort(400, description="This definition was withdrawn; it is kept as it was.")
    visible_revision(get_revision_or_404(definition.document, number), _history_context(definition))
    result = revert_to(definition.document, number, current_user)
    db.session.commit()
    flash("Nothing to revert." if result.outcome == "unchanged" else f"Reverted to revision {number}.", "info")
    return redirect(url_for("definitions.show", definition_id=definition.id), code=303)
