"""Moderation: the flag queue, decisions, locks, hidden revisions, suspensions, roles, and the log."""

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from wiki.auth.models import Role, User, find_user
from wiki.auth.permissions import admin_action, member_action, moderator_action
from wiki.changes import Change
from wiki.definitions.models import get_definition_or_404
from wiki.discussion.models import get_comment_or_404
from wiki.extensions import db
from wiki.history.models import Revision
from wiki.inputs import page_number_arg, safe_next
from wiki.moderation.forms import DecisionForm, FlagForm, ReasonForm, RoleForm, SuspendForm
from wiki.moderation.models import Resolution, queue
from wiki.moderation.service import (
    decide,
    flag,
    set_discussion_closed,
    set_lock,
    set_revision_hidden,
    set_role,
    suspend,
    unsuspend,
)
from wiki.pages.models import get_page_or_404
from wiki.paging import paginate

bp = Blueprint("moderation", __name__)


def _back(default: str):
    return redirect(safe_next(request.form.get("next")) if request.form.get("next") else default, code=303)


def _reason(form_class=ReasonForm):
    form = form_class()
    if not form.validate():
        abort(400, description=" ".join(error for errors in form.errors.values() for error in errors))
    return form


def _flaggable(target_type: str, target_id: int):
    if target_type == "comment":
        return get_comment_or_404(target_id)
    if target_type == "definition":
        return get_definition_or_404(target_id)
    abort(404)


# Members flag.


@bp.post("/comments/<int:comment_id>/flag")
@member_action
def flag_comment(comment_id: int):
    """Ask moderators to look at a comment."""
    comment = get_comment_or_404(comment_id)
    return _flag(comment, url_for("discussion.show", comment_id=comment.id))


@bp.post("/definitions/<int:definition_id>/flag")
@member_action
def flag_definition(definition_id: int):
    """Ask moderators to look at a definition."""
    definition = get_definition_or_404(definition_id)
    return _flag(definition, url_for("definitions.show", definition_id=definition.id))


def _flag(item, default_back: str):
    flag(item, current_user, _reason(FlagForm).reason.data)
    db.session.commit()
    flash("Thank you: moderators will look at it.", "info")
    return _back(default_back)


# Moderators decide, lock and hide.


@bp.get("/moderation")
@moderator_action
def index():
    """Open flags, grouped by what they flag."""
    groups: dict[tuple[str, int], list] = {}
    for open_flag in queue():
        key = ("comment", open_flag.comment_id) if open_flag.comment_id else ("definition", open_flag.definition_id)
        groups.setdefault(key, []).append(open_flag)
    return render_template("moderation/queue.html", groups=groups, form=DecisionForm(formdata=None))


@bp.post("/moderation/decide/<target_type>/<int:target_id>")
@moderator_action
def decide_flags(target_type: str, target_id: int):
    """Dismiss the flags on an item (it stays) or remove it."""
    item = _flaggable(target_type, target_id)
    form = _reason(DecisionForm)
    if form.decision.data not in ("dismiss", "remove"):
        abort(400, description="Decide dismiss or remove.")
    resolution = Resolution.DISMISSED if form.decision.data == "dismiss" else Resolution.REMOVED
    decide(item, current_user, resolution, form.reason.data or "")
    db.session.commit()
    flash(f"Flags {resolution.value}.", "success")
    return _back(url_for("moderation.index"))


@bp.post("/wiki/<slug>/lock")
@moderator_action
def lock_page(slug: str):
    return _lock(get_page_or_404(slug), True, url_for("pages.show", slug=slug))


@bp.post("/wiki/<slug>/unlock")
@moderator_action
def unlock_page(slug: str):
    return _lock(get_page_or_404(slug), False, url_for("pages.show", slug=slug))


@bp.post("/definitions/<int:definition_id>/lock")
@moderator_action
def lock_definition(definition_id: int):
    return _lock(get_definition_or_404(definition_id), True, url_for("definitions.show", definition_id=definition_id))


@bp.post("/definitions/<int:definition_id>/unlock")
@moderator_action
def unlock_definition(definition_id: int):
    return _lock(get_definition_or_404(definition_id), False, url_for("definitions.show", definition_id=definition_id))


def _lock(item, locked: bool, target: str):
    set_lock(item, current_user, locked, _reason().reason.data or "")
    db.session.commit()
    flash("Locked: only moderators can edit it now." if locked else "Unlocked.", "success")
    return redirect(target, code=303)


@bp.post("/wiki/<slug>/close-discussion")
@moderator_action
def close_discussion(slug: str):
    """Stop new comments on a page and on its definitions (moderators may still post); reading goes on."""
    return _close(slug, True)


@bp.post("/wiki/<slug>/reopen-discussion")
@moderator_action
def reopen_discussion(slug: str):
    return _close(slug, False)


def _close(slug: str, closed: bool):
    page = get_page_or_404(slug)
    set_discussion_closed(page, current_user, closed, _reason().reason.data or "")
    db.session.commit()
    flash(
        "The discussion is closed: only moderators can comment." if closed else "The discussion is open again.",
        "success",
    )
    return redirect(url_for("pages.show", slug=slug) + "#discussion", code=303)


@bp.post("/moderation/revisions/<int:revision_id>/hide")
@moderator_action
def hide_revision(revision_id: int):
    """Hide an old revision's text from members (moderators and admins still see it)."""
    return _set_hidden(revision_id, True)


@bp.post("/moderation/revisions/<int:revision_id>/unhide")
@moderator_action
def unhide_revision(revision_id: int):
    return _set_hidden(revision_id, False)


def _set_hidden(revision_id: int, hidden: bool):
    revision = db.get_or_404(Revision, revision_id)
    set_revision_hidden(revision, current_user, hidden, _reason().reason.data or "")
    db.session.commit()
    flash(f"Revision {revision.number} is {'hidden from members' if hidden else 'visible again'}.", "success")
    return _back(url_for("moderation.log"))


# Members' standing.


@bp.get("/moderation/users")
@moderator_action
def users():
    """Members, newest first, with their role and any suspension."""
    query = select(User).order_by(User.created_at.desc(), User.id.desc())
    if request.args.get("q"):
        query = query.where(User.username_key.contains(request.args["q"].lower(), autoescape=True))
    listing = paginate(query, page_number_arg(), noun="list of members")
    return render_template(
        "moderation/users.html",
        members=listing.items,
        has_next=listing.has_next,
        page_number=listing.page,
        suspend_form=SuspendForm(formdata=None),
        role_form=RoleForm(formdata=None),
        roles=list(Role),
    )


def _member_or_404(username: str) -> User:
    member = find_user(username)
    if member is None:
        abort(404, description=f"There is no member called {username}.")
    return member


@bp.post("/moderation/users/<username>/suspend")
@moderator_action
def suspend_member(username: str):
    """Suspend a member for a number of days: they can read, not write."""
    member = _member_or_404(username)
    form = _reason(SuspendForm)
    suspend(member, current_user, form.days.data, form.reason.data)
    db.session.commit()
    days = form.days.data
    flash(f"{member.username} is suspended for {days} day{'s' if days != 1 else ''}.", "success")
    return _back(url_for("moderation.users"))


@bp.post("/moderation/users/<username>/unsuspend")
@moderator_action
def unsuspend_member(username: str):
    member = _member_or_404(username)
    unsuspend(member, current_user, _reason().reason.data or "")
    db.session.commit()
    flash(f"{member.username} can write again.", "success")
    return _back(url_for("moderation.users"))


@bp.post("/moderation/users/<username>/role")
@admin_action
def change_role(username: str):
    """Administrators promote and demote."""
    member = _member_or_404(username)
    form = _reason(RoleForm)
    if form.role.data not in {role.value for role in Role}:
        abort(400, description="Choose member, moderator or admin.")
    set_role(member, Role(form.role.data), current_user, form.reason.data or "")
    db.session.commit()
    flash(f"{member.username} is now {form.role.data}.", "success")
    return _back(url_for("moderation.users"))


@bp.get("/moderation/log")
@moderator_action
def log():
    """Every moderation action: who, what, when, why."""
    query = select(Change).where(Change.is_moderation.is_(True)).order_by(Change.id.desc())
    listing = paginate(query.options(joinedload(Change.user)), page_number_arg(), noun="log")
    return render_template(
        "moderation/log.html", actions=listing.items, has_next=listing.has_next, page_number=listing.page
    )
