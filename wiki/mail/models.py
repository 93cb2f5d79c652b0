"""The outbox: one row per mail to one member, written in the transaction of what it tells, delivered later by
the sender. A row is claimed for a lease before it is sent, so several senders can run at once and a sender that
dies mid-run holds its rows only until the lease ends."""

import enum
from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import ForeignKey, Index, Integer, String, Text, UniqueConstraint, or_, select, update
from sqlalchemy.orm import Mapped, mapped_column, relationship

from wiki.auth.addresses import EMAIL_MAX_CHARS
from wiki.auth.models import User
from wiki.changes import Change
from wiki.extensions import UTCDateTime, db, string_enum, utcnow

SUBJECT_MAX_CHARS = 200
ERROR_MAX_CHARS = 500


class MailKind(enum.StrEnum):
    CONFIRMATION = "confirmation"  # a link that confirms the member's address
    NOTIFICATION = "notification"  # one notification (the member chose "each")
    DIGEST = "digest"  # the day's notifications (the member chose "daily"), written when the digest was built


class MailStatus(enum.StrEnum):
    PENDING = "pending"  # to be sent when next_attempt_at comes (again, after a failure)
    SENT = "sent"
    DROPPED = "dropped"  # no longer wanted: the member chose no mail or changed the address since (last_error says)


class Outbox(db.Model):
    __tablename__ = "outbox"
    __table_args__ = (
        UniqueConstraint("user_id", "change_id"),  # one mail per member per change
        # What is due, oldest first: one index range, however many mails were sent before.
        Index("ix_outbox_status_next_attempt_at_id", "status", "next_attempt_at", "id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))  # each mail goes to one member
    kind: Mapped[MailKind] = mapped_column(string_enum(MailKind, "outbox_kind"))
    change_id: Mapped[int | None] = mapped_column(ForeignKey("changes.id"))  # what a notification mail tells
    address: Mapped[str | None] = mapped_column(String(EMAIL_MAX_CHARS))  # the address a confirmation confirms
    # A digest's text, written when it was built; the other kinds are written as they are sent.
    subject: Mapped[str] = mapped_column(String(SUBJECT_MAX_CHARS), default="")
    body: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[MailStatus] = mapped_column(string_enum(MailStatus, "outbox_status"), default=MailStatus.PENDING)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_error: Mapped[str] = mapped_column(String(ERROR_MAX_CHARS), default="")
    # Which sender holds the row, and until when; another may take it after that.
    claimed_by: Mapped[str | None] = mapped_column(String(32))
    claimed_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    user: Mapped[User] = relationship()
    change: Mapped[Change | None] = relationship()


def mail_enabled() -> bool:
    """Whether this wiki sends mail at all: without MAIL_SERVER nothing is queued (or sent)."""
    return bool(current_app.config.get("MAIL_SERVER"))


def queue_confirmation(member: User) -> bool:
    """Queue a link that confirms the member's (new) address, in place of any still waiting to go; returns whether
    one was queued (not when the wiki sends no mail, or there is nothing to confirm)."""
    if not mail_enabled() or member.email is None or member.email_confirmed_at is not None:
        return False
    db.session.flush()  # a new member's id
    db.session.execute(
        update(Outbox)
        .where(Outbox.user_id == member.id, Outbox.kind == MailKind.CONFIRMATION, Outbox.status == MailStatus.PENDING)
        .values(status=MailStatus.DROPPED, last_error="a newer confirmation replaced it", claimed_by=None,
                claimed_until=None)
    )  # fmt: skip
    db.session.add(Outbox(user_id=member.id, kind=MailKind.CONFIRMATION, address=member.email))
    return True


def claim(sender: str, count: int, lease: timedelta) -> list[Outbox]:
    """Take up to `count` due mails for `sender` until the lease ends (the caller commits the claim at once).

    On PostgreSQL the due rows are locked FOR UPDATE SKIP LOCKED, so two senders claiming at the same moment take
    different rows and neither waits; on SQLite the UPDATE runs under the database's write lock, which has the
    same effect. A row whose lease ended (its sender died) is due again."""
    now = utcnow()
    due = (
        select(Outbox.id)
        .where(
            Outbox.status == MailStatus.PENDING,
            Outbox.next_attempt_at <= now,
            or_(Outbox.claimed_until.is_(None), Outbox.claimed_until <= now),
        )
        .order_by(Outbox.id)
        .limit(count)
        .with_for_update(skip_locked=True)
        .cte("due")
    )
    claimed = db.session.scalars(
        update(Outbox)
        .where(Outbox.id.in_(select(due.c.id)))
        .values(claimed_by=sender, claimed_until=now + lease)
        .returning(Outbox.id)
    ).all()
    if not claimed:
        return []
    return list(db.session.scalars(select(Outbox).where(Outbox.id.in_(claimed)).order_by(Outbox.id)))


def _held_by(row: Outbox, sender: str):
    # A sender whose lease ended may find its row taken by another: it then leaves the row to that one.
    return update(Outbox).where(Outbox.id == row.id, Outbox.claimed_by == sender)


def mark_sent(row: Outbox, sender: str) -> None:
    db.session.execute(
        _held_by(row, sender).values(status=MailStatus.SENT, sent_at=utcnow(), attempts=Outbox.attempts + 1,
                                     claimed_by=None, claimed_until=None)
    )  # fmt: skip


def mark_failed(row: Outbox, sender: str, error: str) -> None:
    """Keep the row, with the error, for another attempt after a delay that doubles each time (up to a day)."""
    config = current_app.config
    attempts = row.attempts + 1
    delay = min(config["MAIL_RETRY_FIRST_SECONDS"] * 2 ** min(attempts - 1, 30), config["MAIL_RETRY_MAX_SECONDS"])
    db.session.execute(
        _held_by(row, sender).values(attempts=attempts, next_attempt_at=utcnow() + timedelta(seconds=delay),
                                     last_error=error[:ERROR_MAX_CHARS], claimed_by=None, claimed_until=None)
    )  # fmt: skip


def mark_dropped(row: Outbox, sender: str, why: str) -> None:
    db.session.execute(
        _held_by(row, sender).values(status=MailStatus.DROPPED, last_error=why[:ERROR_MAX_CHARS], claimed_by=None,
                                     claimed_until=None)
    )  # fmt: skip


def release(rows: list[Outbox], sender: str) -> None:
    """Give back rows a sender will not get to before its lease ends, for the next claim."""
    if rows:
        db.session.execute(
            update(Outbox)
            .where(Outbox.id.in_([row.id for row in rows]), Outbox.claimed_by == sender)
            .values(claimed_by=None, claimed_until=None)
        )
