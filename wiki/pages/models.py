"""Page: a titled term or article whose text lives in a Document."""

import enum
import re
import unicodedata
from datetime import datetime

from sqlalchemy import ForeignKey, Select, String, and_, func, select
from sqlalchemy.orm import Mapped, joinedload, mapped_column, relationship

from wiki.auth.models import User
from wiki.changes import ChangeKind, Subject
from wiki.extensions import UTCDateTime, db, string_enum, utcnow
from wiki.history.models import Document, Revision
from wiki.rendering import EXCERPT_MAX_CHARS, excerpt

SLUG_MAX_CHARS = 120
_NOT_WORD = re.compile(r"[\W_]+")


class PageKind(enum.StrEnum):
    TERM = "term"
    ARTICLE = "article"


def slugify(title: str) -> str:
    """'Infrastructure architect' -> 'infrastructure-architect'; letters of any script are kept."""
    text = unicodedata.normalize("NFKC", title).lower()
    return _NOT_WORD.sub("-", text).strip("-")[:SLUG_MAX_CHARS].strip("-")


def is_canonical_slug(slug: str) -> bool:
    return bool(slug) and slugify(slug) == slug


class Page(db.Model):
    __tablename__ = "pages"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(SLUG_MAX_CHARS), unique=True)
    title: Mapped[str] = mapped_column(String(200))
    kind: Mapped[PageKind] = mapped_column(
        string_enum(PageKind, "page_kind"),
        default=PageKind.ARTICLE,
    )
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id"), unique=True)
    # While locked, only moderators edit the page and propose definitions of the term.
    is_locked: Mapped[bool] = mapped_column(default=False)
    # While closed, only moderators comment, on the page or on its definitions; a separate action from locking.
    discussion_closed: Mapped[bool] = mapped_column(default=False)
    # The opening words of the current text, as lists show it: worked out once, as a revision is saved.
    excerpt: Mapped[str] = mapped_column(String(EXCERPT_MAX_CHARS + 1), default="")
    # When the page's text was last saved (set by save_revision), so lists sort pages by their own index,
    # whatever else the documents index holds.
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    document: Mapped[Document] = relationship()

    created_kind = ChangeKind.PAGE_CREATED
    edited_kind = ChangeKind.PAGE_EDITED
    reverted_kind = ChangeKind.PAGE_REVERTED

    def change_subject(self) -> Subject:
        return Subject("page", self.id, self.id, f"page {self.title}")

    def text_saved(self, revision: Revision) -> None:
        self.updated_at = revision.created_at
        self.excerpt = excerpt(revision.html)


def _page_at(slug: str, with_text: bool = True):
    """The page at a slug, with (`with_text`) its document and newest revision loaded in the same query."""
    query = select(Page).where(Page.slug == slug)
    if with_text:
        query = query.options(joinedload(Page.document).joinedload(Document.head).joinedload(Revision.author))
    return query


def find_page(slug: str) -> Page | None:
    return db.session.scalar(_page_at(slug))


def get_page_or_404(slug: str, *, with_text: bool = True) -> Page:
    """The page at `slug`; without its text for views that only add to it (a comment), which then keep the
    session's unit of work small."""
    return db.one_or_404(_page_at(slug, with_text), description=f"There is no page called “{slug}”.")


def by_recent_change() -> Select:
    """Page ids, most recently changed first, from the pages' own index: lists page through these, then load
    only the chosen pages' rows (a join ordered by it would have the database join every page first)."""
    return select(Page.id).order_by(Page.updated_at.desc(), Page.id.desc())


def recently_changed(page_ids: list[int]) -> list:
    """The pages with these ids, in this order, with their newest revision, as plain rows (slug, title, kind,
    excerpt, number, created_at, author): lists draw nothing else, so no objects are built."""
    rows = db.session.execute(
        select(
            Page.id,
            Page.slug,
            Page.title,
            Page.kind,
            Page.excerpt,
            Revision.number,
            Revision.created_at,
            User.username.label("author"),
        )  # fmt: skip
        .join(Page.document)
        .join(Revision, and_(Revision.document_id == Document.id, Revision.number == Document.head_number))
        .join(User, User.id == Revision.author_id)
        .where(Page.id.in_(page_ids))
    ).all()
    place = {page_id: index for index, page_id in enumerate(page_ids)}
    return sorted(rows, key=lambda row: place[row.id])


def count_pages() -> int:
    return db.session.scalar(select(func.count()).select_from(Page)) or 0
