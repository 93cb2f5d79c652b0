"""Comments: post and reply, permalink, edit (every version kept), soft delete, history."""

from functools import wraps

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user
from sqlalchemy.exc import IntegrityError

from wiki.auth.permissions import is_author, may_moderate, member_action, require_author_or_moderator
from wiki.caching import cached_for_readers
from wiki.definitions.display import render_definition
from wiki.definitions.forms import StanceForm
from wiki.definitions.models import Definition, StanceKind, get_definition_or_404, set_stance
from wiki.discussion.forms import CommentEditForm, CommentForm
from wiki.discussion.models import (
    CLOSED,
    Comment,
    Owner,
    build_tree,
    comment_version,
    find_parent,
    get_comment_or_404,
    is_closed,
    load_thread,
)
from wiki.discussion.service import delete_comment, post_comment
from wiki.discussion.thread import owner_url, sort_arg, thread_context
from wiki.extensions import db
from wiki.history.owners import Editor, OwnerKind, register_edit_route, register_history_routes
from wiki.pages.display import render_page
from wiki.pages.models import Page, get_page_or_404
from wiki.sections import add_section
from wiki.throttling import limit_comments

bp = Blueprint("discussion", __name__)

MODIFY_REFUSAL = "Only the author of a comment, and moderators, can change it. You can reply to it instead."
OWN_STANCE_REFUSAL = (
    "This is your own definition: you cannot endorse or dispute it. Endorsements and disputes are how others "
    "weigh it; argue for it in its discussion, or edit it."
)


def discussion_section(owner: Owner, forms: dict) -> dict:
    """Under a page or a definition: its discussion and (for members) the form to join it."""
    form = forms.get("comment_form") or (CommentForm(formdata=None) if current_user.is_authenticated else None)
    return {"comment_form": form, **thread_context(owner)}


add_section(bp, "page", discussion_section)
add_section(bp, "definition", discussion_section)


def _refuse(owner: Owner, form: CommentForm):
    """Bad input: 400 with the discussion and the user's text back in the form; nothing saved."""
    if isinstance(owner, Page):
        return render_page(owner, 400, comment_form=form)
    return render_definition(owner, 400, comment_form=form)


def _post(owner: Owner):
    if is_closed(owner) and not may_moderate():
        abort(403, description=CLOSED)
    form = CommentForm()
    if not form.validate():
        return _refuse(owner, form)
    parent = None
    if form.parent_number is not None:
        parent = find_parent(owner, form.parent_number)
        if parent is None:
            form.parent_id.errors = ["You replied to a comment that is not in this discussion."]
            return _refuse(owner, form)
        if parent.is_deleted:
            form.parent_id.errors = ["That comment was deleted; reply to the discussion instead."]
            return _refuse(owner, form)
    comment = post_comment(owner, form.body.data, current_user, parent)
    target = f"{owner_url(owner)}#comment-{comment.id}"  # built before the commit expires the rows it reads
    db.session.commit()
    return redirect(target, code=303)


def _get_shows_the_discussion(load_owner):
    """A GET of where comments are posted (a browser back from logging in to post, or reloading a refused post)
    leads anyone to the owner's discussion; only the POST needs the view's login and limits. One rule answers
    both: a GET rule of its own at the URL would turn a POST whose number the converter refuses into a 405."""

    def decorator(view):
        @wraps(view)  # keeps the view's authorization mark and the name its rate limit is kept under
        def view_or_discussion(**view_args):
            if request.method == "GET":
                return redirect(f"{owner_url(load_owner(**view_args))}#discussion", code=303)
            return view(**view_args)

        return view_or_discussion

    return decorator


@bp.route("/wiki/<slug>/comments", methods=["GET", "POST"])
@_get_shows_the_discussion(get_page_or_404)
@member_action
@limit_comments
def post_on_page(slug: str):
    """Comment on a page, or reply to one of its comments (parent_id)."""
    return _post(get_page_or_404(slug, with_text=False))


@bp.route("/definitions/<int:definition_id>/comments", methods=["GET", "POST"])
@_get_shows_the_discussion(get_definition_or_404)
@member_action
@limit_comments
def post_on_definition(definition_id: int):
    """Comment on a definition, or reply to one of its comments (parent_id)."""
    return _post(get_definition_or_404(definition_id))


# A stance is the definitions' record, but its reason is a comment in the definition's discussion: the view that
# takes both lives here, where both are known.


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
    if form.stance.data != "none" and is_author(definition.author_id):
        form.stance.errors = [OWN_STANCE_REFUSAL]  # taking back a stance recorded before this rule stays allowed
        return render_definition(definition, 400, stance_form=form)
    if not form.validate():
        return render_definition(definition, 400, stance_form=form)
    if form.reason.data and is_closed(definition) and not may_moderate():
        form.reason.errors = [f"{CLOSED} Record your stance without a reason."]
        return render_definition(definition, 400, stance_form=form)
    kind = None if form.stance.data == "none" else StanceKind(form.stance.data)

    def record(definition: Definition):
        # The reason first: its Markdown is rendered before this transaction records a change and so makes
        # other writers wait (wiki/changes.py).
        comment = post_comment(definition, form.reason.data, current_user, stance=kind) if form.reason.data else None
        set_stance(definition, current_user, kind, reason=comment.document.head if comment else None)
        db.session.flush()
        return comment

    try:
        comment = record(definition)
    except IntegrityError:  # the same member's other request recorded a stance first: change that one
        db.session.rollback()
        comment = record(get_definition_or_404(definition_id))
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


def _require_history_visible(comment: Comment) -> None:
    if not comment.history_visible_to(current_user):
        state = "was deleted" if comment.is_deleted else "is hidden while moderators review it"
        abort(403, description=f"This comment {state}; its history is visible to moderators only.")


COMMENTS = OwnerKind(
    noun="comment",
    rule="/comments/<int:comment_id>",
    load=get_comment_or_404,
    view_args=lambda comment: {"comment_id": comment.id},
    title=lambda comment: f"Comment {comment.id}",
    header_template="discussion/_header.html",
    names=lambda comment: {"comment": comment},
    show_url=lambda comment: url_for("discussion.show", comment_id=comment.id),
    require_visible=_require_history_visible,
    may_see_hidden=may_moderate,
    version=comment_version,
)  # a comment is not reverted: its author edits it again
register_history_routes(bp, COMMENTS)


def _require_editable(comment: Comment) -> None:
    require_author_or_moderator(comment.author_id, MODIFY_REFUSAL)
    if comment.is_deleted:
        abort(400, description="This comment was deleted and cannot be edited.")


register_edit_route(
    bp,
    COMMENTS,
    Editor(
        form=CommentEditForm,
        template="discussion/edit.html",
        require_editable=_require_editable,
        summary=lambda form: "Edited",
        saved_url=lambda comment: f"{owner_url(comment.owner)}#comment-{comment.id}",
        limit=limit_comments,
        invalid_status=400,
    ),
)


@bp.get("/comments/<int:comment_id>")
@cached_for_readers(comment_version, query_args=("sort",))
def show(comment_id: int):
    """A comment with its ancestors above it and all its replies below."""
    comment = get_comment_or_404(comment_id)
    owner = comment.owner
    nodes = load_thread(owner)
    build_tree(nodes, sort_arg())
    node = nodes[comment.id]
    ancestors = []
    parent_id = comment.parent_id
    while parent_id is not None and parent_id in nodes:
        ancestors.append(nodes[parent_id])
        parent_id = nodes[parent_id].comment.parent_id
    ancestors.reverse()
    return render_template(
        "discussion/permalink.html",
        comment=comment,
        owner=owner,
        ancestors=ancestors,
        comment_form=CommentForm(formdata=None) if current_user.is_authenticated else None,
        **thread_context(owner, roots=[node], total=len(nodes)),
    )


@bp.route("/comments/<int:comment_id>/delete", methods=["GET", "POST"])
@member_action
def delete(comment_id: int):
    """Soft delete: the text gives way to a notice; replies stay where they are. GET (the link each comment
    gives) asks first, showing the comment; the same rule for both, as for reverts (wiki/history/owners.py)."""
    comment = get_comment_or_404(comment_id)
    require_author_or_moderator(comment.author_id, MODIFY_REFUSAL)
    back = f"{owner_url(comment.owner)}#comment-{comment.id}"
    if request.method == "GET" and not comment.is_deleted:
        return render_template("discussion/confirm_delete.html", comment=comment, owner=comment.owner, cancel_url=back)
    if not comment.is_deleted:
        delete_comment(comment, current_user)
        db.session.commit()
        flash("The comment is deleted. Its replies stay in place.", "info")
    return redirect(back, code=303)
