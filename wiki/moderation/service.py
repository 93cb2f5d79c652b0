"""Moderation actions. Each changes one thing and writes one line to the log; views commit."""

from datetime import timedelta

from flask import abort
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from wiki.auth.models import Role, User
from wiki.definitions.models import Definition
from wiki.discussion.models import Comment, touch_thread
from wiki.extensions import db, utcnow
from wiki.history.models import Revision
from wiki.moderation.models import FLAGS_TO_HIDE, Flag, Resolution, log_action, open_flaggers, open_flags_on
from wiki.pages.models import Page

Flaggable = Comment | Definition


def label(item: Flaggable | Page | User | Revision) -> str:
    if isinstance(item, Comment):
        return f"comment {item.id} by {item.author.username}"
    if isinstance(item, Definition):
        return f"definition {item.id} of {item.page.title} by {item.author.username}"
    if isinstance(item, Page):
        return f"page {item.title}"
    if isinstance(item, User):
        return f"member {item.username}"
    return f"revision {item.number} of document {item.document_id}"


def flag(item: Flaggable, member: User, reason: str) -> None:
    """Record a member's flag; the third member's open flag hides the item until a moderator decides."""
    if item.author_id == member.id:
        abort(400, description="You cannot flag your own contribution; edit or delete it instead.")
    column = "comment" if isinstance(item, Comment) else "definition"
    existing = db.session.scalar(
        db.select(Flag).where(Flag.user_id == member.id, getattr(Flag, f"{column}_id") == item.id)
    )
    if existing is not None:
        abort(400, description="You have already flagged this.")
    db.session.add(Flag(**{column: item}, user=member, reason=reason.strip()))
    try:
        db.session.flush()
    except IntegrityError:  # the same member's flag from a moment ago (a double submit)
        db.session.rollback()
        abort(400, description="You have already flagged this.")
    if open_flaggers(item) >= FLAGS_TO_HIDE and not item.is_hidden:
        item.is_hidden = True
        if isinstance(item, Comment):
            touch_thread(item.owner)


def decide(item: Flaggable, moderator: User, resolution: Resolution, reason: str) -> None:
    """Close every open flag on an item: dismissed, it shows again; removed, it goes."""
    for open_flag in db.session.scalars(open_flags_on(item)):
        open_flag.resolution = resolution
        open_flag.resolved_at = utcnow()
        open_flag.resolved_by = moderator
    if resolution == Resolution.DISMISSED:
        item.is_hidden = False
    elif isinstance(item, Comment):
        item.is_hidden = False
        item.soft_delete(moderator)
    else:
        item.is_hidden = True
    if isinstance(item, Comment):
        touch_thread(item.owner)
    log_action(moderator, f"flags {resolution.value}", type(item).__name__.lower(), item.id, label(item), reason)


def set_lock(item: Page | Definition, moderator: User, locked: bool, reason: str) -> None:
    item.is_locked = locked
    kind = "page" if isinstance(item, Page) else "definition"
    log_action(moderator, "lock" if locked else "unlock", kind, item.id, label(item), reason)


def set_discussion_closed(page: Page, moderator: User, closed: bool, reason: str) -> None:
    page.discussion_closed = closed
    log_action(moderator, "close discussion" if closed else "reopen discussion", "page", page.id, label(page), reason)


def set_revision_hidden(revision: Revision, moderator: User, hidden: bool, reason: str) -> None:
    if hidden and revision.number == revision.document.head_number:
        abort(400, description="The current revision cannot be hidden: revert to a good revision first.")
    revision.is_hidden = hidden
    log_action(
        moderator, "hide revision" if hidden else "unhide revision", "revision", revision.id, label(revision), reason
    )


def suspend(member: User, moderator: User, days: int, reason: str) -> None:
    if member.id == moderator.id:
        abort(400, description="You cannot suspend yourself.")
    if member.is_moderator and not moderator.is_admin:
        abort(403, description="Only administrators can suspend a moderator.")
    member.suspended_until = utcnow() + timedelta(days=days)
    member.suspension_reason = reason.strip()
    log_action(moderator, f"suspend {days} days", "user", member.id, label(member), reason)


def unsuspend(member: User, moderator: User, reason: str) -> None:
    if member.is_moderator and not moderator.is_admin:
        abort(403, description="Only administrators can lift a moderator's suspension, as only they can impose one.")
    member.suspended_until = None
    member.suspension_reason = None
    log_action(moderator, "unsuspend", "user", member.id, label(member), reason)


def set_role(member: User, role: Role, by: User | None, reason: str = "") -> None:
    """Promote or demote; the last administrator cannot be demoted (nobody could promote again)."""
    demoting_an_admin = member.role == Role.ADMIN and role != Role.ADMIN
    if demoting_an_admin:
        # Two demotions at once must not leave no administrator: on PostgreSQL they queue on the admins'
        # rows (locked in id order); on SQLite the write below takes the write lock, so the count is current.
        admins = select(User.id).where(User.role == Role.ADMIN).order_by(User.id)
        db.session.scalars(admins.with_for_update(key_share=True)).all()  # NO KEY: their own saves go on
    member.role = role
    if demoting_an_admin:
        db.session.flush()
        if not db.session.scalar(select(func.count()).select_from(User).where(User.role == Role.ADMIN)):
            db.session.rollback()
            abort(400, description="This is the last administrator; promote another first.")
    if by is not None:
        log_action(by, f"set role {role.value}", "user", member.id, label(member), reason)
