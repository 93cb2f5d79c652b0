"""What notification mail says: the change itself (an edit's diff as +/- lines, a comment's text, a stance's reason),
bounded in length, as plain text for the member it goes to (what moderators hid stays hidden from the others);
and the daily digests, built by flask --app wiki send-digests and sent like any other mail."""

from dataclasses import dataclass
from datetime import datetime

from flask import render_template, url_for
from sqlalchemy import exists, func, select, update

from wiki.auth.models import EmailChoice, User
from wiki.changes import Change, ChangeKind
from wiki.diffing import Cut, DiffLine, Fold, diff_lines
from wiki.discussion.models import Comment
from wiki.extensions import db, utcnow
from wiki.history.models import Revision
from wiki.mail.models import MailKind, Outbox
from wiki.mail.sender import Dropped, Letter, absolute_url, compose_confirmation, compose_digest
from wiki.notify.models import Notification, Reason
from wiki.recent.models import Line, lines

K = ChangeKind
HIDDEN = "(not shown: deleted, or hidden by a moderator)"
# How much of a change a mail shows: a mail of its own, and each item of a digest.
MAIL_ROWS, MAIL_CHARS = 80, 8_000
DIGEST_ROWS, DIGEST_CHARS = 12, 1_500
LINE_MAX_CHARS = 300  # a longer line (a paragraph) is cut, and says so
DIGEST_ITEMS_MAX = 30  # a digest shows the newest this many and counts the rest
EDITS = frozenset({K.PAGE_EDITED, K.PAGE_REVERTED, K.DEFINITION_EDITED, K.DEFINITION_REVERTED, K.COMMENT_EDITED})
# How a change to a watched page reads: "bob commented on “IT manager”".
DOINGS = {
    K.PAGE_CREATED: "created",
    K.PAGE_EDITED: "edited",
    K.PAGE_REVERTED: "reverted",
    K.PAGE_RENAMED: "renamed",
    K.DEFINITION_PROPOSED: "proposed a definition on",
    K.DEFINITION_EDITED: "edited a definition on",
    K.DEFINITION_REVERTED: "reverted a definition on",
    K.DEFINITION_WITHDRAWN: "withdrew a definition on",
    K.COMMENT_POSTED: "commented on",
}


@dataclass(frozen=True)
class Item:
    """One notification as mail tells it."""

    headline: str
    at: datetime
    link: str
    text: list[str]  # the change itself, line by line


def headline(reason: str, line: Line, change: Change) -> str:
    who = line.username or "Someone (from the command line)"
    title = f"“{line.page_title}”" if line.page_title else "the wiki"
    if reason == Reason.REPLY:
        return f"{who} replied to your comment on {title}"
    if reason == Reason.MENTION:
        return f"{who} mentioned you on {title}"
    if reason == Reason.STANCE:
        return f"{who} {change.summary or 'took a stance on'} your definition of {title}"
    if reason == Reason.EDITED:
        return f"{who} edited your definition of {title}"
    return f"{who} {DOINGS.get(change.kind, line.action)} {title}"


def change_text(change: Change, line: Line, viewer: User, rows: int, chars: int) -> list[str]:
    """The change as plain text lines, at most `rows` of them and about `chars` characters."""
    if line.summary is None:  # what moderators hid from this member
        return [HIDDEN]
    if change.kind in (K.STANCE_TAKEN, K.STANCE_CHANGED):
        return _bounded([f"Reason: {change.reason}"] if change.reason else ["(no reason given)"], rows, chars)
    revision = db.session.get(Revision, change.revision_id) if change.revision_id else None
    if revision is None:
        return _bounded([line.summary] if line.summary else [], rows, chars)
    if change.kind in EDITS and revision.number > 1:
        previous = db.session.scalar(
            select(Revision).where(Revision.document_id == revision.document_id, Revision.number == revision.number - 1)
        )
        if previous is not None and previous.visible_to(viewer):
            return _bounded(_diff_text(previous.body, revision.body, rows), rows, chars)
    text = _bounded(revision.body.split("\n"), rows, chars)
    if change.kind == K.COMMENT_POSTED and not _comment_readable(change.target_id, viewer):
        return [HIDDEN]
    return text


def _comment_readable(comment_id: int, viewer: User) -> bool:
    comment = db.session.get(Comment, comment_id)
    return comment is not None and comment.visible_to(viewer)


def _diff_text(old: str, new: str, rows: int) -> list[str]:
    """A diff as a mail shows it: "+ " for a line added, "- " removed, "  " kept around them."""
    out = []
    for row in diff_lines(old, new, context=1, max_rows=rows):
        if isinstance(row, DiffLine):
            out.append({"insert": "+ ", "delete": "- ", "equal": "  "}[row.kind] + row.text)
        elif isinstance(row, Fold):
            out.append(f"  … {row.count:,} unchanged line{'s' if row.count != 1 else ''}")
        elif isinstance(row, Cut):
            out.append("… the diff goes on: see it on the wiki")
    return out


def _bounded(text_lines: list[str], rows: int, chars: int) -> list[str]:
    """At most `rows` lines, each at most LINE_MAX_CHARS, about `chars` in all; a cut says so."""
    out, used = [], 0
    for number, text in enumerate(text_lines):
        if number == rows or used >= chars:
            out.append("… (cut short: see the rest on the wiki)")
            break
        if len(text) > LINE_MAX_CHARS:
            text = text[: LINE_MAX_CHARS - 1] + "…"
        out.append(text)
        used += len(text) + 1
    while out and not out[-1].strip():
        out.pop()
    return out


def _items(notifications: list[Notification], member: User, rows: int, chars: int) -> list[Item]:
    """Notifications as mail tells them, newest first: what the member may see of each, with absolute links."""
    shown = {line.id: line for line in lines([item.change_id for item in notifications], member)}
    changes = {change.id: change for change in db.session.scalars(select(Change).where(Change.id.in_(list(shown))))}
    items = []
    for notification in notifications:
        line = shown.get(notification.change_id)
        if line is None:
            continue
        change = changes[line.id]
        path = line.url or (url_for("pages.show", slug=line.page_slug) if line.page_slug else url_for("pages.home"))
        items.append(Item(headline(notification.reason, line, change), line.created_at, absolute_url(path),
                          change_text(change, line, member, rows, chars)))  # fmt: skip
    return items


def compose_notification(row: Outbox) -> Letter | Dropped:
    """A mail of one notification, written as it is sent: to the member's confirmed address, if they still want
    mail; once sent, the notification is marked mailed (no digest repeats it)."""
    member = row.user
    if member.mail_address is None:
        return Dropped("the member has no confirmed address now")
    if member.email_notifications == EmailChoice.NEVER:
        return Dropped("the member chose no mail")
    notification = db.session.scalar(
        select(Notification).where(Notification.user_id == member.id, Notification.change_id == row.change_id)
    )
    found = _items([notification], member, MAIL_ROWS, MAIL_CHARS) if notification else []
    if not found:
        return Dropped("nothing of it is for this member to read")
    item = found[0]
    body = render_template("mail/notification.txt", member=member, item=item,
                           notifications=absolute_url(url_for("notify.notifications")))  # fmt: skip

    def mailed() -> None:
        db.session.execute(update(Notification).where(Notification.id == notification.id).values(mailed_at=utcnow()))

    return Letter(member.mail_address, item.headline, body, mailed)


COMPOSERS = {
    MailKind.CONFIRMATION: compose_confirmation,
    MailKind.NOTIFICATION: compose_notification,
    MailKind.DIGEST: compose_digest,
}


def _undigested(member_id: int):
    """A member's notifications not yet mailed, and not waiting in the outbox on their own."""
    queued = exists().where(Outbox.user_id == Notification.user_id, Outbox.change_id == Notification.change_id)
    return Notification.user_id == member_id, Notification.mailed_at.is_(None), ~queued


def build_digests() -> int:
    """Write one digest for each member who chose one, has a confirmed address and has notifications not yet
    mailed, and mark those mailed, a member at a time (each in its own transaction); returns how many were written.
    Safe beside another run: a member's notifications are marked only if none was marked meanwhile."""
    unmailed = exists().where(Notification.user_id == User.id, Notification.mailed_at.is_(None))
    members = db.session.scalars(
        select(User.id).where(User.email_notifications == EmailChoice.DAILY, User.email_confirmed_at.is_not(None),
                              unmailed).order_by(User.id)
    ).all()  # fmt: skip
    written = 0
    for member_id in members:
        written += _digest(db.session.get(User, member_id))
        db.session.commit()
    return written


def _digest(member: User) -> int:
    count, newest = db.session.execute(
        select(func.count(), func.max(Notification.id)).where(*_undigested(member.id))
    ).one()
    if not count:
        return 0
    newest_first = db.session.scalars(
        select(Notification).where(*_undigested(member.id)).order_by(Notification.id.desc()).limit(DIGEST_ITEMS_MAX)
    ).all()
    # Written before anything is marked: marking takes the write lock, which nobody should hold while diffs are made.
    items = _items(list(newest_first), member, DIGEST_ROWS, DIGEST_CHARS)
    subject = f"Your day on Rolewiki: {count:,} notification{'s' if count != 1 else ''}"
    body = render_template("mail/digest.txt", member=member, items=items, count=count, more=count - len(newest_first),
                           notifications=absolute_url(url_for("notify.notifications")))  # fmt: skip
    marked = db.session.execute(
        update(Notification).where(*_undigested(member.id), Notification.id <= newest).values(mailed_at=utcnow())
    ).rowcount
    if marked != count:  # another run took some of them first: it writes their digest
        db.session.rollback()
        return 0
    db.session.add(Outbox(user_id=member.id, kind=MailKind.DIGEST, subject=subject[:200], body=body))
    return 1
