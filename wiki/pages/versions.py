"""Each page's view_version: bumped in the same transaction as any change to what its views show (and its
updated_at, copied from its document then, since a save of its text is one such change).

A page's views draw its text and history, its definitions (their text, stances, status, locks, hiding) and
the discussions of both. Rather than each write remembering which pages it affects, listeners note what
every flush wrote and, just before the transaction commits, bump the pages it belongs to (one UPDATE).
Cached renderings (wiki/caching.py) are keyed by it.
"""

from dataclasses import dataclass, field

from sqlalchemy import event, func, or_, select, union, update
from sqlalchemy.orm import Session

from wiki.definitions.models import Definition, Stance
from wiki.discussion.models import Comment
from wiki.extensions import db
from wiki.history.models import Document, Revision
from wiki.pages.models import Page

TOUCHED = "touched_pages"


def page_view_version(slug: str, **_view_args) -> int | None:
    return db.session.scalar(select(Page.view_version).where(Page.slug == slug))


def home_version(**_view_args) -> tuple:
    """What the list of recently changed pages shows changes only when a page is created or saved: the
    number of pages, or the sum of their head numbers (every save adds one) moves."""
    return tuple(
        db.session.execute(
            select(func.count(Page.id), func.sum(Document.head_number), func.max(Document.updated_at)).join(
                Page.document
            )
        ).one()
    )


def definition_page_view_version(definition_id: int, **_view_args) -> int | None:
    return db.session.scalar(
        select(Page.view_version).join(Definition, Definition.page_id == Page.id).where(Definition.id == definition_id)
    )


@dataclass
class Touched:
    """What one transaction wrote, and whatever it already knows about where those things live."""

    pages: set[int] = field(default_factory=set)
    documents: set[int] = field(default_factory=set)
    definitions: set[int] = field(default_factory=set)
    comments: set[int] = field(default_factory=set)
    page_of_definition: dict[int, int] = field(default_factory=dict)
    owner_of_document: dict[int, tuple[str, int]] = field(default_factory=dict)
    owner_of_comment: dict[int, tuple[str, int]] = field(default_factory=dict)

    def note(self, item) -> None:
        match item:
            case Page():
                self.pages.add(item.id)
                self.owner_of_document[item.document_id] = ("page", item.id)
            case Document():
                self.documents.add(item.id)
            case Revision():
                self.documents.add(item.document_id)
            case Definition():
                self.definitions.add(item.id)
                self.page_of_definition[item.id] = item.page_id
                self.owner_of_document[item.document_id] = ("definition", item.id)
            case Stance():
                self.definitions.add(item.definition_id)
            case Comment():
                self.comments.add(item.id)
                owner = ("page", item.page_id) if item.page_id is not None else ("definition", item.definition_id)
                self.owner_of_comment[item.id] = self.owner_of_document[item.document_id] = owner

    def page_ids(self, session: Session) -> set[int]:
        """Resolve everything to pages: from what the transaction itself wrote where it can, else by query."""
        pages = set(self.pages)
        definitions = set(self.definitions)
        unknown_documents, unknown_comments = set(), set()
        owners = [(self.owner_of_document, self.documents, unknown_documents),
                  (self.owner_of_comment, self.comments, unknown_comments)]  # fmt: skip
        for owner_of, items, unknown in owners:
            for item_id in items:
                kind, owner_id = owner_of.get(item_id, (None, None))
                if kind == "page":
                    pages.add(owner_id)
                elif kind == "definition":
                    definitions.add(owner_id)
                else:
                    unknown.add(item_id)
        definitions.discard(None)
        for definition_id in list(definitions):
            if definition_id in self.page_of_definition:
                pages.add(self.page_of_definition[definition_id])
                definitions.discard(definition_id)
        if unknown_documents or unknown_comments or definitions:
            query = _owning_pages(unknown_documents, unknown_comments, definitions)
            pages |= set(session.connection().scalars(query))
        pages.discard(None)
        return pages


def _owning_pages(documents: set[int], comments: set[int], definitions: set[int]):
    comments_of_documents = select(Comment.id).where(Comment.document_id.in_(documents))
    all_comments = or_(Comment.id.in_(comments), Comment.id.in_(comments_of_documents))
    all_definitions = or_(
        Definition.id.in_(definitions),
        Definition.document_id.in_(documents),
        Definition.id.in_(select(Comment.definition_id).where(all_comments)),
    )
    return union(
        select(Page.id).where(Page.document_id.in_(documents)),
        select(Comment.page_id).where(all_comments, Comment.page_id.is_not(None)),
        select(Definition.page_id).where(all_definitions),
    )


def track_page_versions() -> None:
    for name, listener in (
        ("after_flush", _note_flushed),
        ("before_commit", _bump_touched_pages),
        ("after_rollback", _forget),
    ):
        if not event.contains(Session, name, listener):
            event.listen(Session, name, listener)


def _note_flushed(session: Session, _flush_context) -> None:
    """After a flush: ids and foreign keys are set, and session.new/dirty/deleted still list what was written."""
    touched = session.info.setdefault(TOUCHED, Touched())
    for item in (*session.new, *session.dirty, *session.deleted):
        touched.note(item)


def _bump_touched_pages(session: Session) -> None:
    session.flush()  # so that what the commit would flush is noted too
    touched = session.info.pop(TOUCHED, None)
    if touched is None:
        return
    pages = touched.page_ids(session)
    if len(pages) > 1:
        # Lock in id order first (PostgreSQL), so two transactions bumping the same pages cannot deadlock
        # here (web requests touch one page; the seed and the command line touch several).
        session.connection().execute(
            select(Page.id).where(Page.id.in_(pages)).order_by(Page.id).with_for_update(key_share=True)
        ).all()
    if pages:
        session.connection().execute(
            update(Page)
            .where(Page.id.in_(pages))
            .values(
                view_version=Page.view_version + 1,
                updated_at=select(Document.updated_at).where(Document.id == Page.document_id).scalar_subquery(),
            )
            .execution_options(synchronize_session=False)
        )


def _forget(session: Session) -> None:
    session.info.pop(TOUCHED, None)
