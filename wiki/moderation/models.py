"""Flag: a member's report of a comment or definition. (The moderation log is the record of changes.)"""

import enum
from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, String, UniqueConstraint, func, select
from sqlalchemy.orm import Mapped, joinedload, mapped_column, relationship

from wiki.auth.models import User
from wiki.definitions.models import Definition
from wiki.discussion.models import Comment
from wiki.extensions import UTCDateTime, db, string_enum, utcnow

# This many open flags from different members hide an item until a moderator decides.
FLAGS_TO_HIDE = 3


class Resolution(enum.StrEnum):
    DISMISSED = "dismissed"  # the content stays
    REMOVED = "removed"  # the content goes (comment deleted, definition hidden)


class Flag(db.Model):
    __tablename__ = "flags"
    __table_args__ = (
        CheckConstraint("(comment_id IS NULL) <> (definition_id IS NULL)", name="one_target"),
        UniqueConstraint("user_id", "comment_id"),  # one flag per member per item
        UniqueConstraint("user_id", "definition_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    comment_id: Mapped[int | None] = mapped_column(ForeignKey("comments.id"), index=True)
    definition_id: Mapped[int | None] = mapped_column(ForeignKey("definitions.id"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    reason: Mapped[str] = mapped_column(String(500))
    resolution: Mapped[Resolution | None] = mapped_column(string_enum(Resolution, "flag_resolution"))
    resolved_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    resolved_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    comment: Mapped[Comment | None] = relationship()
    definition: Mapped[Definition | None] = relationship()
    user: Mapped[User] = relationship(foreign_keys=[user_id])
    resolved_by: Mapped[User | None] = relationship(foreign_keys=[resolved_by_id])


def open_flags_on(item: Comment | Definition):
    column = Flag.comment_id if isinstance(item, Comment) else Flag.definition_id
    return select(Flag).where(column == item.id, Flag.resolution.is_(None))


def open_flaggers(item: Comment | Definition) -> int:
    """How many different members have an open flag on this item."""
    column = Flag.comment_id if isinstance(item, Comment) else Flag.definition_id
    return (
        db.session.scalar(
            select(func.count(func.distinct(Flag.user_id))).where(column == item.id, Flag.resolution.is_(None))
        )
        or 0
    )


def queue() -> list[Flag]:
    """Every open flag, oldest first, with what it flags."""
    return list(
        db.session.scalars(
            select(Flag)
            .where(Flag.resolution.is_(None))
            .order_by(Flag.created_at, Flag.id)
            .options(
                joinedload(Flag.user),
                joinedload(Flag.comment).joinedload(Comment.author),
                joinedload(Flag.definition).joinedload(Definition.author),
            )
        )
    )
