"""Moderation actions. Each changes one thing and records one change (the moderation log reads them); views
commit."""

from datetime import timedelta

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from wiki.auth.models import Role, User
from wiki.changes import ChangeKind, Subject, record_change
from wiki.definitions.models import Definition
from wiki.discussion.models import Comment
from wiki.errors import Refused
from wiki.extensions import db, utcnow
from wiki.history.models import Revision
from wiki.moderation.models import FLAGS_TO_HIDE, Flag, Resolution, open_flaggers, open_flags_on
from wiki.pages.models import Page

Flaggable = Comment | Definition


def member_subject(member: User) -> Subject:
    return Subject("user", member.id, None, f"member {member.username}")


def revision_subject(revision: Revision) -> Subject:
    """A revision belongs to the page of whatever owns its document: a page, a definition or a comment."""
    document_id = revision.document_id
    owner = (
        db.session.scalar(select(Page).where(Page.document_id == document_id))
        or db.session.scalar(select(Definition).where(Definition.document_id == document_id))
        or db.session.scalar(select(Comment).where(Comment.document_id == document_id))
    )
    owner_subject = owner.change_subject()
    label = f"revision {revision.number} of {owner_subject.label}"
    return Subject("revision", revision.id, owner_subject.page_id, label)


def flag(item: Flaggable, member: User, reason: str) -> None:
    """Record a member's flag; the third member's open flag hides the item until a moderator decides."""
    if item.author_id == member.id:
        raise Refused("You cannot flag your own contribution; edit or delete it instead.")
    column = "comment" if isinstance(item, Comment) else "definition"
    existing = db.session.scalar(
        db.select(Flag).where(Flag.user_id == member.id, getattr(Flag, f"{column}_id") == item.id)
    )
    if existing is not None:
        raise Refused("You have already flagged this.")
    db.session.add(Flag(**{column: item}, user=member, reason=reason.strip()))
    try:
        db.session.flush()
    except IntegrityError:  # the same member's flag from a moment ago (a double submit)
        raise Refused("You have already flagged this.") from None
    hides = open_flaggers(item) >= FLAGS_TO_HIDE and not item.is_hidden
    if hides:
        item.is_hidden = True
    subject = item.change_subject()
    summary = f"{subject.label}, now hidden until a moderator decides" if hides else subject.label
    record_change(ChangeKind.FLAG_RAISED, member, subject, summary=summary, reason=reason)


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
    kind = ChangeKind.FLAGS_DISMISSED if resolution == Resolution.DISMISSED else ChangeKind.FLAGS_UPHELD
    record_change(kind, moderator, item.change_subject(), reason=reason)


def set_lock(item: Page | Definition, moderator: User, locked: bool, reason: str) -> None:
    item.is_locked = locked
    if isinstance(item, Page):
        kind = ChangeKind.PAGE_LOCKED if locked else ChangeKind.PAGE_UNLOCKED
    else:
        kind = ChangeKind.DEFINITION_LOCKED if locked else ChangeKind.DEFINITION_UNLOCKED
    record_change(kind, moderator, item.change_subject(), reason=reason)


def set_discussion_closed(page: Page, moderator: User, closed: bool, reason: str) -> None:
    page.discussion_closed = closed
    kind = ChangeKind.DISCUSSION_CLOSED if closed else ChangeKind.DISCUSSION_REOPENED
    record_change(kind, moderator, page.change_subject(), reason=reason)


def set_revision_hidden(revision: Revision, moderator: User, hidden: bool, reason: str) -> None:
    if hidden and revision.number == revision.document.head_number:
        raise Refused("The current revision cannot be hidden: revert to a good revision first.")
    revision.is_hidden = hidden
    kind = ChangeKind.REVISION_HIDDEN if hidden else ChangeKind.REVISION_UNHIDDEN
    record_change(kind, moderator, revision_subject(revision), revision_id=revision.id, reason=reason)


def suspend(member: User, moderator: User, days: int, reason: str) -> None:
    if member.id == moderator.id:
        raise Refused("You cannot suspend yourself.")
    if member.is_moderator and not moderator.is_admin:
        raise Refused("Only administrators can suspend a moderator.", 403)
    member.suspended_until = utcnow() + timedelta(days=days)
    member.suspension_reason = reason.strip()
    summary = f"member {member.username}, for {days} day{'s' if days != 1 else ''}"
    record_change(
        ChangeKind.MEMBER_SUSPENDED, moderator, member_subject(member), summary=summary, reason=reason, value=str(days)
    )


def unsuspend(member: User, moderator: User, reason: str) -> None:
    if member.is_moderator and not moderator.is_admin:
        raise Refused("Only administrators can lift a moderator's suspension, as only they can impose one.", 403)
    member.suspended_until = None
    member.suspension_reason = None
    record_change(ChangeKind.MEMBER_UNSUSPENDED, moderator, member_subject(member), reason=reason)


def set_role(member: User, role: Role, by: User | None, reason: str = "") -> None:
    """Promote or demote (`by` None: from the command line); the last administrator cannot be demoted
    (nobody could promote again)."""
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
            raise Refused("This is the last administrator; promote another first.")  # the error handler rolls back
    summary = f"member {member.username}, now {role.value}"
    record_change(ChangeKind.ROLE_CHANGED, by, member_subject(member), summary=summary, reason=reason, value=role.value)
