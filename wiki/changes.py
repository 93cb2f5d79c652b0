"""The record of changes: one immutable row for every change a person makes, written in the same transaction.

Each kind of change goes through one function (`save_revision`, `post_comment`, `set_stance`, each moderation
action), and that function calls `record_change`. Everything that needs to know what changed reads this table:
the versions cached renderings are keyed by (wiki/caching.py), the moderation log, and later recent changes,
feeds and notifications. A change belongs to the page it touched (a definition's or a comment's page), so the
newest change id of a page covers its text, its definitions and every discussion on it.
"""

import enum
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from flask import Flask, current_app
from sqlalchemy import ForeignKey, Index, Integer, Select, String, func, select, union_all
from sqlalchemy.orm import Mapped, mapped_column, relationship

from wiki.extensions import UTCDateTime, db, utcnow

if TYPE_CHECKING:
    from wiki.auth.models import User


class ChangeKind(enum.StrEnum):
    PAGE_CREATED = "page.created"
    PAGE_EDITED = "page.edited"
    PAGE_REVERTED = "page.reverted"
    PAGE_RENAMED = "page.renamed"
    DEFINITION_PROPOSED = "definition.proposed"
    DEFINITION_EDITED = "definition.edited"
    DEFINITION_REVERTED = "definition.reverted"
    DEFINITION_WITHDRAWN = "definition.withdrawn"
    STANCE_TAKEN = "stance.taken"
    STANCE_CHANGED = "stance.changed"
    STANCE_REMOVED = "stance.removed"
    COMMENT_POSTED = "comment.posted"
    COMMENT_EDITED = "comment.edited"
    COMMENT_DELETED = "comment.deleted"
    FLAG_RAISED = "flag.raised"
    FLAGS_DISMISSED = "flags.dismissed"
    FLAGS_UPHELD = "flags.upheld"  # the flagged item is removed
    PAGE_LOCKED = "page.locked"
    PAGE_UNLOCKED = "page.unlocked"
    DEFINITION_LOCKED = "definition.locked"
    DEFINITION_UNLOCKED = "definition.unlocked"
    DISCUSSION_CLOSED = "discussion.closed"
    DISCUSSION_REOPENED = "discussion.reopened"
    REVISION_HIDDEN = "revision.hidden"
    REVISION_UNHIDDEN = "revision.unhidden"
    MEMBER_SUSPENDED = "member.suspended"
    MEMBER_UNSUSPENDED = "member.unsuspended"
    ROLE_CHANGED = "member.role"
    PROFILE_SAVED = "member.profile"  # a member's own settings: about text, the role they hold


# What moderators do: the moderation log is these changes.
MODERATION_KINDS = frozenset(
    {
        ChangeKind.FLAGS_DISMISSED,
        ChangeKind.FLAGS_UPHELD,
        ChangeKind.PAGE_LOCKED,
        ChangeKind.PAGE_UNLOCKED,
        ChangeKind.DEFINITION_LOCKED,
        ChangeKind.DEFINITION_UNLOCKED,
        ChangeKind.DISCUSSION_CLOSED,
        ChangeKind.DISCUSSION_REOPENED,
        ChangeKind.REVISION_HIDDEN,
        ChangeKind.REVISION_UNHIDDEN,
        ChangeKind.MEMBER_SUSPENDED,
        ChangeKind.MEMBER_UNSUSPENDED,
        ChangeKind.ROLE_CHANGED,
    }
)


# How a change reads in a log line ("lock page"); a value, where there is one, completes it.
ACTIONS = {
    ChangeKind.PAGE_CREATED: "create page",
    ChangeKind.PAGE_EDITED: "edit page",
    ChangeKind.PAGE_REVERTED: "revert page",
    ChangeKind.PAGE_RENAMED: "rename page",
    ChangeKind.DEFINITION_PROPOSED: "propose definition",
    ChangeKind.DEFINITION_EDITED: "edit definition",
    ChangeKind.DEFINITION_REVERTED: "revert definition",
    ChangeKind.DEFINITION_WITHDRAWN: "withdraw definition",
    ChangeKind.STANCE_TAKEN: "take stance",
    ChangeKind.STANCE_CHANGED: "change stance to",
    ChangeKind.STANCE_REMOVED: "remove stance",
    ChangeKind.COMMENT_POSTED: "post comment",
    ChangeKind.COMMENT_EDITED: "edit comment",
    ChangeKind.COMMENT_DELETED: "delete comment",
    ChangeKind.FLAG_RAISED: "flag",
    ChangeKind.FLAGS_DISMISSED: "flags dismissed",
    ChangeKind.FLAGS_UPHELD: "flags removed",
    ChangeKind.PAGE_LOCKED: "lock page",
    ChangeKind.PAGE_UNLOCKED: "unlock page",
    ChangeKind.DEFINITION_LOCKED: "lock definition",
    ChangeKind.DEFINITION_UNLOCKED: "unlock definition",
    ChangeKind.DISCUSSION_CLOSED: "close discussion",
    ChangeKind.DISCUSSION_REOPENED: "reopen discussion",
    ChangeKind.REVISION_HIDDEN: "hide revision",
    ChangeKind.REVISION_UNHIDDEN: "unhide revision",
    ChangeKind.MEMBER_SUSPENDED: "suspend",
    ChangeKind.MEMBER_UNSUSPENDED: "unsuspend",
    ChangeKind.ROLE_CHANGED: "set role",
    ChangeKind.PROFILE_SAVED: "update profile",
}


def family_of(kind: str) -> str:
    """The family a kind is filtered by: what moderators do is "moderation", the rest goes by its first word
    ("page.edited" is "page")."""
    return "moderation" if kind in MODERATION_KINDS else kind.split(".", 1)[0]


# Every family with its kinds: "page", "definition", "stance", "comment", "flag", "moderation", "member".
FAMILIES: dict[str, frozenset[str]] = {
    family: frozenset(kind.value for kind in ChangeKind if family_of(kind) == family)
    for family in dict.fromkeys(family_of(kind) for kind in ChangeKind)
}


@dataclass(frozen=True)
class Subject:
    """What a change touched: a kind of thing and its id, the page it belongs to (None for a member), and a
    label that says what it was at the time ("comment 31 by alice")."""

    target_type: str  # page, definition, comment, revision, user
    target_id: int
    page_id: int | None
    label: str


class Change(db.Model):
    __tablename__ = "changes"
    __table_args__ = (
        # The newest change of a page (its version) and a page's changes newest first: one index seek.
        Index("ix_changes_page_id_id", "page_id", "id"),
        # The newest change to any page's own record (the home page's version).
        Index("ix_changes_target_type_id", "target_type", "id"),
        Index("ix_changes_user_id_id", "user_id", "id"),
        Index("ix_changes_is_moderation_id", "is_moderation", "id"),  # the moderation log, newest first
        Index("ix_changes_kind_id", "kind", "id"),  # the newest change of some kinds (TITLE_KINDS)
        # Recent changes, newest first by time (ties by id): all of them, and of one kind, member or page.
        Index("ix_changes_created_at_id", "created_at", "id"),
        Index("ix_changes_kind_created_at_id", "kind", "created_at", "id"),
        Index("ix_changes_user_id_created_at_id", "user_id", "created_at", "id"),
        Index("ix_changes_page_id_created_at_id", "page_id", "created_at", "id"),
        # A member's counts of each kind (their profile), read from the index alone.
        Index("ix_changes_user_id_kind", "user_id", "kind"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(40))  # a ChangeKind value; a string, so new kinds need no migration
    is_moderation: Mapped[bool] = mapped_column(default=False)  # kind in MODERATION_KINDS, kept for its index
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))  # None: the command line
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    page_id: Mapped[int | None] = mapped_column(ForeignKey("pages.id"))
    target_type: Mapped[str] = mapped_column(String(20))
    target_id: Mapped[int] = mapped_column(Integer)
    revision_id: Mapped[int | None] = mapped_column(ForeignKey("revisions.id"))
    summary: Mapped[str] = mapped_column(String(300), default="")  # what it was, and for edits the edit summary
    reason: Mapped[str] = mapped_column(String(500), default="")  # why, where the form asks (moderation, flags)
    value: Mapped[str | None] = mapped_column(String(40))  # what it was set to: a stance, a role, days suspended

    user: Mapped["User | None"] = relationship()

    @property
    def action(self) -> str:
        """The change as a log reads it: "lock page", "suspend 3 days", "set role moderator"."""
        words = ACTIONS.get(self.kind, self.kind)
        if self.kind == ChangeKind.MEMBER_SUSPENDED:
            return f"{words} {self.value} days"
        return f"{words} {self.value}" if self.value else words


def record_change(
    kind: ChangeKind,
    user,
    subject: Subject,
    *,
    revision_id: int | None = None,
    summary: str = "",
    reason: str = "",
    value: str | None = None,
    at: datetime | None = None,
) -> Change:
    """Add one change to the session, so it commits (or rolls back) with the change itself.

    Call it after any slow work of the transaction (rendering): from here to the commit, other writers wait.
    """
    _take_turn()
    change = Change(
        kind=kind.value,
        is_moderation=kind in MODERATION_KINDS,
        user_id=None if user is None else user.id,
        created_at=at or utcnow(),
        page_id=subject.page_id,
        target_type=subject.target_type,
        target_id=subject.target_id,
        revision_id=revision_id,
        summary=(summary or subject.label).strip()[:300],
        reason=(reason or "").strip()[:500],
        value=value,
    )
    db.session.add(change)
    for listener in current_app.extensions.get("change_listeners", ()):
        listener(change)
    return change


ChangeListener = Callable[[Change], None]


def on_change(app: Flask, listener: ChangeListener) -> None:
    """Have `listener` see every change as it is recorded, in the change's own transaction: the way what is
    derived from changes (the search index) stays in step without anyone calling it by hand."""
    app.extensions.setdefault("change_listeners", []).append(listener)


# Any constant: the key of the PostgreSQL advisory lock that orders writers of changes.
CHANGE_ORDER_LOCK = 0x6368616E676573


def _take_turn() -> None:
    """Make change ids follow commit order, so the newest id a reader sees covers every change it can see.

    PostgreSQL hands out ids as rows are inserted, not as transactions commit: without a turn, a change could
    commit after a higher id had been read and a rendering kept under it, and that rendering would never be
    replaced. Holding this lock from the first change to the commit (it ends with the transaction) orders
    them. SQLite needs nothing: a writer holds the database's write lock from its first write to its commit.
    """
    if db.session.get_bind().dialect.name == "postgresql":
        db.session.execute(select(func.pg_advisory_xact_lock(CHANGE_ORDER_LOCK)))


@dataclass(frozen=True)
class Version:
    """The newest change a rendering shows: its id keys caches and ETags, its time is Last-Modified."""

    change_id: int
    changed_at: datetime


# Changes to which titles exist: every [[link]] anywhere may now be drawn differently (missing or not).
TITLE_KINDS = (ChangeKind.PAGE_CREATED.value, ChangeKind.PAGE_RENAMED.value)
# The newest of them, for what is kept per [[link]]-bearing element (a thread's comments).
TITLES = select(Change.id, Change.created_at).where(Change.kind.in_(TITLE_KINDS)).order_by(Change.id.desc()).limit(1)


def newest_change_query(*conditions, with_titles: bool = False) -> Select:
    """The newest change matching `conditions` (ids follow commit order: see _take_turn); `with_titles` for what
    draws [[links]], which also changes with any TITLE_KINDS change. Each is one index seek (a union of two
    for `with_titles`: ids only grow, so the larger id is a sound version of both). Versions are read on every
    request, so callers build this once, with bind parameters, and run it with `newest_change`."""
    own = select(Change.id, Change.created_at).where(*conditions).order_by(Change.id.desc()).limit(1)
    if not with_titles:
        return own
    both = union_all(own.subquery().select(), TITLES.subquery().select()).subquery()
    return select(both.c.id, both.c.created_at).order_by(both.c.id.desc()).limit(1)


def newest_change(query: Select, **parameters) -> Version | None:
    row = db.session.connection().execute(query, parameters).first()
    return None if row is None else Version(row.id, row.created_at)


_OF_ANYTHING = newest_change_query()


def newest_version(**_view_args) -> Version | None:
    """The newest change of all (one seek of the primary key): what recent changes and their feed show."""
    return newest_change(_OF_ANYTHING)
