"""Document (versioned Markdown) and Revision (one immutable saved state of it)."""

from datetime import datetime
from typing import ClassVar, Protocol

from markupsafe import Markup
from sqlalchemy import CheckConstraint, ForeignKey, Integer, String, Text, UniqueConstraint, and_
from sqlalchemy.orm import Mapped, foreign, mapped_column, relationship

from wiki.auth.models import User, sees_hidden
from wiki.changes import ChangeKind, Subject
from wiki.extensions import UTCDateTime, db, utcnow
from wiki.rendering import stored_html
from wiki.wikilinks import existing_pages


class Revision(db.Model):
    __tablename__ = "revisions"
    __table_args__ = (
        # The database, not a read-then-write check, guarantees one revision per number.
        UniqueConstraint("document_id", "number"),
        CheckConstraint("number >= 1", name="number_positive"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id"))  # indexed by the unique pair
    number: Mapped[int] = mapped_column(Integer)
    body: Mapped[str] = mapped_column(Text)
    html: Mapped[str] = mapped_column(Text)
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    summary: Mapped[str] = mapped_column(String(300), default="")
    size: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # A moderator may hide a revision's text from members; the text itself never changes.
    is_hidden: Mapped[bool] = mapped_column(default=False)

    document: Mapped["Document"] = relationship(back_populates="revisions")
    author: Mapped[User] = relationship()

    @property
    def content(self) -> Markup:
        return stored_html(self.html, existing_pages)

    def visible_to(self, viewer) -> bool:
        """Whether `viewer` may read this revision's text: a moderator may hide it from members."""
        return not self.is_hidden or sees_hidden(viewer)


class Document(db.Model):
    __tablename__ = "documents"

    id: Mapped[int] = mapped_column(primary_key=True)
    # The newest revision's number; 0 before the first save. Saves advance it compare-and-set.
    head_number: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # When the newest revision was saved, so lists can sort by recent change without joining revisions.
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)

    revisions: Mapped[list[Revision]] = relationship(
        back_populates="document", order_by=Revision.number, lazy="raise_on_sql", viewonly=True
    )
    head: Mapped[Revision | None] = relationship(
        primaryjoin=lambda: and_(
            foreign(Revision.document_id) == Document.id, foreign(Revision.number) == Document.head_number
        ),
        uselist=False,
        viewonly=True,
    )


class Versioned(Protocol):
    """What owns a document (a page, a definition, a comment), as saving a revision of it needs to know."""

    document: Document
    # The kinds of change its saves are recorded as: the first revision, later ones, and a revert.
    created_kind: ClassVar[ChangeKind]
    edited_kind: ClassVar[ChangeKind]
    reverted_kind: ClassVar[ChangeKind]

    def change_subject(self) -> Subject: ...

    def text_saved(self, revision: Revision) -> None:
        """Called as a revision is saved, for owners that keep something of their newest text (a page its time,
        excerpt and tags)."""

    def markdown_of(self, text: str) -> str:
        """The part of a text that is rendered (a page keeps fields above its Markdown: wiki/frontmatter.py)."""
