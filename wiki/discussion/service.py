"""Posting comments: a comment is a Document, so its text is saved like any other revision."""

from datetime import datetime

from wiki.auth.models import User
from wiki.definitions.models import StanceKind
from wiki.discussion.models import Comment, Owner, owner_columns, touch_thread
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
    save_revision(comment.document, body, author, "Posted", at=at)
    touch_thread(owner)
    return comment
