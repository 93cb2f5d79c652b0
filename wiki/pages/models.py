"""Page: a titled term or article whose text lives in a Document."""

import enum
import re
import unicodedata
from datetime import datetime

from flask import abort
from sqlalchemy import ForeignKey, String, and_, func, select
from sqlalchemy.orm import Mapped, joinedload, mapped_column, relationship

from wiki.auth.models import User
from wiki.extensions import UTCDateTime, db, string_enum, utcnow
from wiki.history.models import Document, Revision

SLUG_MAX_CHARS = 120
# Lists show an excerpt of each page: they read only this much of its HTML (a page's can be a megabyte of tags).
EXCERPT_SOURCE_CHARS = 4096
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
    # Bumped with every change to the discussion, so a cached rendering of it knows it is stale.
    thread_version: Mapped[int] = mapped_column(default=0)
    # Bumped with every change to anything this page's views show (wiki/pages/versions.py).
    view_version: Mapped[int] = mapped_column(default=0)
    # When the page's text was last saved: its document's updated_at, copied by the same listener
    # (wiki/pages/versions.py), so lists sort pages alone, whatever else the documents index holds.
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    document: Mapped[Document] = relationship()


def find_page(slug: str) -> Page | None:
    """The page at a slug, with its document and newest revision loaded in the same query."""
    return db.session.scalar(
        select(Page)
        .where(Page.slug == slug)
        .options(joinedload(Page.document).joinedload(Document.head).joinedload(Revision.author))
    )


def get_page_or_404(slug: str) -> Page:
    page = find_page(slug)
    if page is None:
        abort(404, description=f"There is no page called “{slug}”.")
    return page


def recently_changed(offset: int, limit: int, *, with_html: bool = False) -> list:
    """Pages with their newest revision, most recently changed first, as plain rows (slug, title, kind,
    number, created_at, author, and with `with_html` the opening of the rendered text, for excerpts): lists draw
    nothing else, so no objects are built. The pages are chosen from the pages' own index; only the chosen ones
    are joined to their revision and author."""
    newest = Page.updated_at.desc(), Page.id.desc()
    chosen = select(Page.id).order_by(*newest).offset(offset).limit(limit).subquery()
    columns = [Page.slug, Page.title, Page.kind, Revision.number, Revision.created_at, User.username.label("author")]
    opening = func.substr(Revision.html, 1, EXCERPT_SOURCE_CHARS).label("html")  # not 50 pages of up to 1 MB each
    return db.session.execute(
        select(*columns, *([opening] if with_html else []))
        .join(chosen, chosen.c.id == Page.id)
        .join(Page.document)
        .join(Revision, and_(Revision.document_id == Document.id, Revision.number == Document.head_number))
        .join(User, User.id == Revision.author_id)
        .order_by(*newest)
    ).all()


def count_pages() -> int:
    return db.session.scalar(select(func.count()).select_from(Page)) or 0
