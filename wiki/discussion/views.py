"""Comments: post and reply, permalink, edit (every version kept), soft delete, history."""

from flask import Blueprint, abort, flash, redirect, render_template, request
from flask_login import current_user

from wiki.auth.permissions import may_moderate, member_action, require_author_or_moderator, require_unhidden
from wiki.definitions.models import get_definition_or_404
from wiki.definitions.views import render_definition
from wiki.discussion.forms import CommentEditForm, CommentForm
from wiki.discussion.models import (
    CLOSED,
    Comment,
    Owner,
    build_tree,
    find_parent,
    get_comment_or_404,
    is_closed,
    load_thread,
    touch_thread,
)
from wiki.discussion.service import post_comment
from wiki.discussion.thread import owner_url, sort_arg, thread_context
from wiki.extensions import db
from wiki.history.display import render_diff, render_history, render_revision, save_edit
from wiki.pages.models import Page, get_page_or_404
from wiki.pages.views import render_page
from wiki.throttling import limit_comments

bp = Blueprint("discussion", __name__)

MODIFY_REFUSAL = "Only the author of a comment, and moderators, can change it. You can reply to it instead."


def _refuse(owner: Owner, form: CommentForm):
    """Bad input: 400 with the discussion and the user's text back in the form; nothing saved."""
    if isinstance(owner, Page):
        return render_page(owner, comment_form=form, status=400)
    return render_definition(owner, comment_form=form, status=400)


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


@bp.post("/wiki/<slug>/comments")
@member_action
@limit_comments
def post_on_page(slug: str):
    """Comment on a page, or reply to one of its comments (parent_id)."""
    return _post(get_page_or_404(slug))


@bp.post("/definitions/<int:definition_id>/comments")
@member_action
@limit_comments
def post_on_definition(definition_id: int):
    """Comment on a definition, or reply to one of its comments (parent_id)."""
    return _post(get_definition_or_404(definition_id))


def _history_context(comment: Comment) -> dict:
    """What the shared history templates need for a comment; a deleted or hidden one's is for moderators."""
    if comment.is_deleted and not may_moderate():
        abort(403, description="This comment was deleted; its history is visible to moderators only.")
    require_unhidden(comment.is_hidden, "comment")
    return {
        "comment": comment,
        "owner_title": f"Comment {comment.id}",
        "owner_noun": "comment",
        "header_template": "discussion/_header.html",
        "endpoint_prefix": "discussion",
        "owner_args": {"comment_id": comment.id},
        "can_revert": False,
        "show_hidden": may_moderate(),
    }


@bp.get("/comments/<int:comment_id>")
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


@bp.route("/comments/<int:comment_id>/edit", methods=["GET", "POST"])
@member_action
@limit_comments
def edit(comment_id: int):
    """The author (or a moderator) edits a comment; every version is kept."""
    comment = get_comment_or_404(comment_id)
    require_author_or_moderator(comment.author_id, MODIFY_REFUSAL)
    if comment.is_deleted:
        abort(400, description="This comment was deleted and cannot be edited.")
    form = CommentEditForm()
    head = comment.document.head
    if request.method == "GET":
        form.body.data, form.base_revision.data = head.body, str(head.number)
        return render_template("discussion/edit.html", comment=comment, form=form)
    if not form.validate():
        return render_template("discussion/edit.html", comment=comment, form=form), 400
    result = save_edit(
        comment.document,
        form,
        current_user,
        "Edited",
        lambda status, **extra: (render_template("discussion/edit.html", comment=comment, form=form, **extra), status),
        show_hidden=may_moderate(),
        invalid_status=400,
    )
    if result.outcome != "unchanged":
        touch_thread(comment.owner)
    db.session.commit()
    if result.outcome == "unchanged":
        flash("You changed nothing, so no new version was saved.", "info")
    return redirect(f"{owner_url(comment.owner)}#comment-{comment.id}", code=303)


@bp.post("/comments/<int:comment_id>/delete")
@member_action
def delete(comment_id: int):
    """Soft delete: the text gives way to a notice; replies stay where they are."""
    comment = get_comment_or_404(comment_id)
    require_author_or_moderator(comment.author_id, MODIFY_REFUSAL)
    if not comment.is_deleted:
        comment.soft_delete(current_user)
        touch_thread(comment.owner)
        db.session.commit()
        flash("The comment is deleted. Its replies stay in place.", "info")
    return redirect(f"{owner_url(comment.owner)}#comment-{comment.id}", code=303)


@bp.get("/comments/<int:comment_id>/history")
def history(comment_id: int):
    """Every version of a comment."""
    comment = get_comment_or_404(comment_id)
    return render_history(comment.document, _history_context(comment))


@bp.get("/comments/<int:comment_id>/revisions/<int:number>")
def revision(comment_id: int, number: int):
    comment = get_comment_or_404(comment_id)
    return render_revision(comment.document, number, _history_context(comment))


@bp.get("/comments/<int:comment_id>/diff")
def diff(comment_id: int):
    comment = get_comment_or_404(comment_id)
    return render_diff(comment.document, _history_context(comment))
