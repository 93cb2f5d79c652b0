"""Posting and deleting comments: a comment is a Document, so its text is saved like any other revision."""

from datetime import datetime

from wiki.auth.models import User
from wiki.changes import ChangeKind, record_change
from wiki.definitions.models import StanceKind
from wiki.discussion.models import Comment, Owner, owner_columns
from wiki.extensions import db, utcnow
from wiki.history.models import Document
from wiki.history.service import save_revision


def post_comment(
    owner: Owner,
    body: str,
    author: User,
    parent: Comment | None = None,
    stance: StanceKind | None = None,
    *,
    at: datetime | None = None,
) -> Comment:
    """Add a comment (or a reply to `parent`) to a page's or a definition's discussion."""
    comment = Comment(
        **owner_columns(owner),
        parent=parent,
        author=author,
        stance=stance,
        document=Document(),
        created_at=at or utcnow(),
    )
    db.session.add(comment)
    save_revision(comment, body, author, "Posted", at=at)
    return comment


def delete_comment(comment: Comment, by: User) -> None:
    """Soft delete: the text gives way to a notice, replies stay where they are, every version is kept."""
    comment.soft_delete(by)
    record_change(ChangeKind.COMMENT_DELETED, by, comment.change_subject(), at=comment.deleted_at)
