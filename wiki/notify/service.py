"""Who hears of a change, decided as it is recorded: a change listener (wiki/changes.py) that writes the
notifications in the change's own transaction, one statement per kind of recipient. A page watched by thousands
costs the writer one INSERT … SELECT, not a row built in Python per watcher; the unique (member, change) pair
makes sure each member is told once, by the first reason that applies to them. Members who chose a mail for each
notification get an outbox row for it in the same way: one INSERT … SELECT over the change's new notifications."""

import re

from sqlalchemy import literal, select
from sqlalchemy.dialects import postgresql, sqlite

from wiki.auth.models import USERNAME_MAX_CHARS, EmailChoice, User
from wiki.changes import Change, ChangeKind
from wiki.definitions.models import Definition
from wiki.discussion.models import Comment
from wiki.extensions import db, utcnow
from wiki.history.models import Revision
from wiki.mail.models import MailKind, MailStatus, Outbox, mail_enabled
from wiki.notify.models import Notification, Reason, Watch

K = ChangeKind
# What watchers of a page hear of: its edits, its definitions, the comments on it and on them.
TOLD_TO_WATCHERS = frozenset(
    kind.value
    for kind in (K.PAGE_EDITED, K.PAGE_REVERTED, K.PAGE_RENAMED, K.DEFINITION_PROPOSED, K.DEFINITION_EDITED,
                 K.DEFINITION_REVERTED, K.DEFINITION_WITHDRAWN, K.COMMENT_POSTED)
)  # fmt: skip
# What makes its author watch the page (unless they turned that off in their settings).
WATCHED_BY_AUTHOR = frozenset(
    kind.value
    for kind in (K.PAGE_CREATED, K.PAGE_EDITED, K.PAGE_REVERTED, K.DEFINITION_PROPOSED, K.DEFINITION_EDITED,
                 K.COMMENT_POSTED)
)  # fmt: skip
STANCES = frozenset({K.STANCE_TAKEN.value, K.STANCE_CHANGED.value})
DEFINITION_EDITS = frozenset({K.DEFINITION_EDITED.value, K.DEFINITION_REVERTED.value})
MENTION = re.compile(rf"(?<![\w@])@([A-Za-z0-9_-]{{3,{USERNAME_MAX_CHARS}}})\b")
MENTIONS_MAX = 20  # a comment tells at most this many mentioned members


def add_ignoring_duplicates(model, rows: list[dict] | None = None, *, columns=None, query=None) -> None:
    """INSERT (rows, or what `query` selects into `columns`) … ON CONFLICT DO NOTHING, as each database spells it."""
    dialect = postgresql if db.session.get_bind().dialect.name == "postgresql" else sqlite
    statement = dialect.insert(model)
    statement = statement.values(rows) if query is None else statement.from_select(columns, query)
    db.session.execute(statement.on_conflict_do_nothing())


def notify_change(change: Change) -> None:
    """The change listener: tell whoever the change concerns, then have its author watch the page."""
    kind = change.kind
    if kind not in TOLD_TO_WATCHERS and kind not in STANCES and kind not in WATCHED_BY_AUTHOR:
        return
    db.session.flush()  # the change's id, for the rows that name it
    direct, not_as_watchers = _concerned(change)
    now = utcnow()
    rows = [{"user_id": user_id, "change_id": change.id, "reason": reason, "created_at": now, "is_read": False}
            for user_id, reason in direct if user_id != change.user_id and user_id not in not_as_watchers]  # fmt: skip
    if rows:
        add_ignoring_duplicates(Notification, rows)
    if kind in TOLD_TO_WATCHERS and change.page_id is not None:
        watchers = select(
            Watch.user_id, literal(change.id), literal(Reason.WATCH), literal(now, type_=Notification.created_at.type),
            literal(False),
        ).where(Watch.page_id == change.page_id)  # fmt: skip
        skipped = {change.user_id, *not_as_watchers} - {None}
        if skipped:
            watchers = watchers.where(Watch.user_id.not_in(sorted(skipped)))
        columns = ["user_id", "change_id", "reason", "created_at", "is_read"]
        add_ignoring_duplicates(Notification, columns=columns, query=watchers)
    if mail_enabled() and (rows or kind in TOLD_TO_WATCHERS):  # else nobody was told
        _queue_mail(change, now)
    if kind in WATCHED_BY_AUTHOR and change.user_id is not None and change.page_id is not None:
        author = db.session.get(User, change.user_id)
        if author.watch_contributions:
            watch = {"user_id": author.id, "page_id": change.page_id, "created_at": now}
            add_ignoring_duplicates(Watch, [watch])


def _queue_mail(change: Change, now) -> None:
    """A mail for each notification of this change to a member who wants one and has confirmed an address: one
    statement, however many are told (the sender writes each mail later, outside any request)."""
    at = literal(now, type_=Outbox.created_at.type)
    wanted = (
        select(Notification.user_id, literal(MailKind.NOTIFICATION.value), Notification.change_id,
               literal(MailStatus.PENDING.value), literal(0), at, at, literal(""), literal(""), literal(""))
        .join(User, User.id == Notification.user_id)
        .where(Notification.change_id == change.id, User.email_notifications == EmailChoice.EACH,
               User.email_confirmed_at.is_not(None))
    )  # fmt: skip
    columns = ["user_id", "kind", "change_id", "status", "attempts", "next_attempt_at", "created_at", "subject",
               "body", "last_error"]  # fmt: skip
    add_ignoring_duplicates(Outbox, columns=columns, query=wanted)


def _concerned(change: Change) -> tuple[list[tuple[int, str]], set[int]]:
    """Members told for a reason of their own, first reason first; and members not to tell of this change at all
    (a stance's proposer, who hears of the stance itself)."""
    if change.kind == K.COMMENT_POSTED and change.target_type == "comment":
        return _of_comment(change)
    if change.target_type != "definition":
        return [], set()
    definition = db.session.get(Definition, change.target_id)
    if change.kind in STANCES:
        return [(definition.author_id, Reason.STANCE)], set()
    if change.kind in DEFINITION_EDITS:
        return [(definition.author_id, Reason.EDITED)], set()
    return [], set()


def _of_comment(change: Change) -> tuple[list[tuple[int, str]], set[int]]:
    comment = db.session.get(Comment, change.target_id)
    concerned: list[tuple[int, str]] = []
    if comment.parent_id is not None:
        concerned.append((db.session.get(Comment, comment.parent_id).author_id, Reason.REPLY))
    revision = db.session.get(Revision, change.revision_id) if change.revision_id else None
    names = list(dict.fromkeys(name.lower() for name in MENTION.findall(revision.body if revision else "")))
    if names:
        mentioned = db.session.scalars(select(User.id).where(User.username_key.in_(names[:MENTIONS_MAX]))).all()
        concerned += [(user_id, Reason.MENTION) for user_id in mentioned]
    # A stance's reason is a comment on the definition: its author hears of the stance, not of this comment too.
    skipped = set()
    if comment.stance is not None and comment.definition_id is not None:
        skipped.add(db.session.get(Definition, comment.definition_id).author_id)
    return concerned, skipped
