"""Each page's view_version: bumped in the same transaction as any change to what its views show.

A page's views draw its text and history, its definitions (their text, stances, status, locks, flags) and
the discussions of both. Rather than each write remembering which pages it affects, one listener looks at
what every flush wrote and bumps the pages it belongs to; cached renderings (wiki/caching.py) are keyed by it.
"""

from sqlalchemy import event, or_, select, update
from sqlalchemy.orm import Session

from wiki.definitions.models import Definition, Stance
from wiki.discussion.models import Comment
from wiki.extensions import db
from wiki.history.models import Document, Revision
from wiki.moderation.models import Flag
from wiki.pages.models import Page


def page_view_version(slug: str, **_view_args) -> int | None:
    return db.session.scalar(select(Page.view_version).where(Page.slug == slug))


def definition_page_view_version(definition_id: int, **_view_args) -> int | None:
    return db.session.scalar(
        select(Page.view_version).join(Definition, Definition.page_id == Page.id).where(Definition.id == definition_id)
    )


def track_page_versions() -> None:
    if not event.contains(Session, "after_flush", _bump_touched_pages):
        event.listen(Session, "after_flush", _bump_touched_pages)


def _bump_touched_pages(session: Session, _flush_context) -> None:
    """After a flush (ids and foreign keys are set; session.new/dirty/deleted still list what was written)."""
    pages: set[int] = set()
    documents: set[int] = set()
    definitions: set[int] = set()
    comments: set[int] = set()
    for item in (*session.new, *session.dirty, *session.deleted):
        match item:
            case Page():
                pages.add(item.id)
            case Document():
                documents.add(item.id)
            case Revision():
                documents.add(item.document_id)
            case Definition():
                definitions.add(item.id)
            case Stance():
                definitions.add(item.definition_id)
            case Comment():
                comments.add(item.id)
            case Flag():
                comments.add(item.comment_id)
                definitions.add(item.definition_id)
    pages.discard(None)
    documents.discard(None)
    definitions.discard(None)
    comments.discard(None)
    if not (pages or documents or definitions or comments):
        return
    touched_comments = select(Comment.id).where(or_(Comment.id.in_(comments), Comment.document_id.in_(documents)))
    touched_definitions = select(Definition.id).where(
        or_(
            Definition.id.in_(definitions),
            Definition.document_id.in_(documents),
            Definition.id.in_(select(Comment.definition_id).where(Comment.id.in_(touched_comments))),
        )
    )
    session.connection().execute(
        update(Page)
        .where(
            or_(
                Page.id.in_(pages),
                Page.document_id.in_(documents),
                Page.id.in_(select(Comment.page_id).where(Comment.id.in_(touched_comments))),
                Page.id.in_(select(Definition.page_id).where(Definition.id.in_(touched_definitions))),
            )
        )
        .values(view_version=Page.view_version + 1)
        .execution_options(synchronize_session=False)
    )
