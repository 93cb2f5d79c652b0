"""Watch (a member follows a page, its definitions and its discussion) and Notification (one change, told to one
member, once)."""

from datetime import datetime

from sqlalchemy import ForeignKey, Index, String, UniqueConstraint, func, select
from sqlalchemy.orm import Mapped, mapped_column, relationship

from wiki.auth.models import User
from wiki.changes import Change
from wiki.extensions import UTCDateTime, db, utcnow
from wiki.pages.models import Page


class Watch(db.Model):
    __tablename__ = "watches"
    # A page's watchers (who hears of its changes); the unique pair also finds one member's watch of a page.
    __table_args__ = (UniqueConstraint("user_id", "page_id"), Index("ix_watches_page_id_user_id", "page_id", "user_id"))

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    page_id: Mapped[int] = mapped_column(ForeignKey("pages.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    user: Mapped[User] = relationship()
    page: Mapped[Page] = relationship()


class Reason:
    """Why a member is told of a change; the first that applies is the one they are told, once."""

    REPLY = "reply"  # a reply to their comment
    MENTION = "mention"  # @username in a comment
    STANCE = "stance"  # an endorsement or dispute of their definition
    EDITED = "edited"  # their definition edited by someone else (a moderator: only they may)
    WATCH = "watch"  # a change to a page they watch


class Notification(db.Model):
    __tablename__ = "notifications"
    __table_args__ = (
        UniqueConstraint("user_id", "change_id"),  # one notification per event per member
        # A member's notifications newest first, and their unread ones: each an index range, whatever the record.
        Index("ix_notifications_user_id_id", "user_id", "id"),
        Index("ix_notifications_user_id_is_read_id", "user_id", "is_read", "id"),
        # A member's notifications not yet mailed (their next digest): an index range too.
        Index("ix_notifications_user_id_mailed_at_id", "user_id", "mailed_at", "id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    change_id: Mapped[int] = mapped_column(ForeignKey("changes.id"))
    reason: Mapped[str] = mapped_column(String(20))
    is_read: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # When it was mailed (on its own, or in a digest); None: not yet, or never (the member chose no mail).
    mailed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    user: Mapped[User] = relationship()
    change: Mapped[Change] = relationship()


def is_watching(user_id: int, page_id: int) -> bool:
    return db.session.scalar(select(Watch.id).where(Watch.user_id == user_id, Watch.page_id == page_id)) is not None


# The header says "99+" past this: counting a member's unread notifications reads at most this many index entries.
UNREAD_SHOWN_MAX = 99


def unread_count(user_id: int) -> int:
    """How many of a member's notifications are unread, up to UNREAD_SHOWN_MAX + 1."""
    unread = (
        select(Notification.id)
        .where(Notification.user_id == user_id, Notification.is_read.is_(False))
        .limit(UNREAD_SHOWN_MAX + 1)
        .subquery()
    )
    return db.session.scalar(select(func.count()).select_from(unread)) or 0


def notifications_of(user_id: int):
    """A member's notifications, newest first (a list pages through these)."""
    return select(Notification).where(Notification.user_id == user_id).order_by(Notification.id.desc())


def watched_pages(user_id: int):
    return (
        select(Page.slug, Page.title, Watch.created_at)
        .join(Watch, Watch.page_id == Page.id)
        .where(Watch.user_id == user_id)
        .order_by(Page.title)
    )
