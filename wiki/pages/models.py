"""Page: a titled term or article whose text lives in a Document."""

import enum
from datetime import datetime

from flask import abort, redirect, request, url_for
from sqlalchemy import ForeignKey, Index, Select, String, UniqueConstraint, and_, delete, func, select
from sqlalchemy.orm import Mapped, joinedload, mapped_column, relationship

from wiki import frontmatter
from wiki.auth.models import User
from wiki.changes import ChangeKind, Subject, record_change
from wiki.extensions import UTCDateTime, db, string_enum, utcnow
from wiki.history.models import Document, Revision
from wiki.rendering import EXCERPT_MAX_CHARS, PAGE_SLUG_MAX_CHARS, excerpt, slugify

SLUG_MAX_CHARS = PAGE_SLUG_MAX_CHARS


class PageKind(enum.StrEnum):
    TERM = "term"
    ARTICLE = "article"


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

    tag_rows: Mapped[list["PageTag"]] = relationship(cascade="all, delete-orphan", order_by="PageTag.id")

    def text_saved(self, revision: Revision) -> None:
        self.updated_at = revision.created_at
        self.excerpt = excerpt(revision.html)
        tags = frontmatter.split(revision.body)[0].tags
        # Rows of tags that stay are kept: replacing them all would insert a (page, tag) before deleting it.
        self.tag_rows = [row for row in self.tag_rows if row.tag in tags] + [
            PageTag(tag=tag) for tag in tags if tag not in {row.tag for row in self.tag_rows}
        ]

    def markdown_of(self, text: str) -> str:
        return frontmatter.markdown_of(text)

    @property
    def tags(self) -> list[str]:
        return [row.tag for row in self.tag_rows]


class PageTag(db.Model):
    """A tag of a page's current text (the text keeps them, versioned; these rows let lists find pages by tag)."""

    __tablename__ = "page_tags"
    __table_args__ = (UniqueConstraint("page_id", "tag"), Index("ix_page_tags_tag_page_id", "tag", "page_id"))

    id: Mapped[int] = mapped_column(primary_key=True)
    page_id: Mapped[int] = mapped_column(ForeignKey("pages.id"))
    tag: Mapped[str] = mapped_column(String(30))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class PageRedirect(db.Model):
    """An address a page had before it was renamed: it answers 301 to the page's address now."""

    __tablename__ = "page_redirects"

    id: Mapped[int] = mapped_column(primary_key=True)
    old_slug: Mapped[str] = mapped_column(String(SLUG_MAX_CHARS), unique=True)
    page_id: Mapped[int] = mapped_column(ForeignKey("pages.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    page: Mapped[Page] = relationship()


def moved_to(slug: str) -> str | None:
    """The address now of the page that was at `slug`, if it was renamed."""
    return db.session.scalar(
        select(Page.slug).join(PageRedirect, PageRedirect.page_id == Page.id).where(PageRedirect.old_slug == slug)
    )


def redirect_if_moved(slug: str) -> None:
    """Answer 301 at the same route with the new address (ending the request) when the page once at `slug` was
    renamed: the page, its editor, history, diffs and the API alike. Otherwise return."""
    new_slug = moved_to(slug)
    if new_slug is None or request.endpoint is None or "slug" not in (request.view_args or {}):
        return
    target = url_for(request.endpoint, **{**request.view_args, "slug": new_slug})
    query = request.query_string.decode("latin-1")
    abort(redirect(f"{target}?{query}" if query else target, code=301))


def slugs_of(page: Page) -> set[str]:
    """A page's address and every address it had: links to any of them lead to it."""
    return {page.slug, *db.session.scalars(select(PageRedirect.old_slug).where(PageRedirect.page_id == page.id))}


def _page_at(slug: str, with_text: bool = True):
    """The page at a slug, with (`with_text`) its document and newest revision loaded in the same query."""
    query = select(Page).where(Page.slug == slug)
    if with_text:
        query = query.options(joinedload(Page.document).joinedload(Document.head).joinedload(Revision.author))
    return query


def find_page(slug: str) -> Page | None:
    return db.session.scalar(_page_at(slug))


def existing_slugs(slugs: set[str]) -> set[str]:
    """Those of `slugs` that lead to a page, by its address or an old one: what [[links]] are drawn by
    (wiki/wikilinks.py)."""
    wanted = sorted(slugs)
    return set(db.session.scalars(select(Page.slug).where(Page.slug.in_(wanted)))) | set(
        db.session.scalars(select(PageRedirect.old_slug).where(PageRedirect.old_slug.in_(wanted)))
    )


def get_page_or_404(slug: str, *, with_text: bool = True) -> Page:
    """The page at `slug`; a 301 to its new address if it was renamed; else a 404.
    Without its text for views that only add to it (a comment), which then keep the unit of work small."""
    page = db.session.scalar(_page_at(slug, with_text))
    if page is None:
        redirect_if_moved(slug)
        abort(404, description=f"There is no page called “{slug}”.")
    return page


def by_recent_change() -> Select:
    """Page ids, most recently changed first, from the pages' own index: lists page through these, then load
    only the chosen pages' rows (a join ordered by it would have the database join every page first)."""
    return select(Page.id).order_by(Page.updated_at.desc(), Page.id.desc())


def tagged_by_recent_change(tag: str) -> Select:
    return by_recent_change().join(PageTag, PageTag.page_id == Page.id).where(PageTag.tag == tag)


def tag_counts(limit: int = 100) -> list:
    """The most used tags with how many pages carry each, most used first."""
    count = func.count().label("pages")
    return db.session.execute(
        select(PageTag.tag, count).group_by(PageTag.tag).order_by(count.desc(), PageTag.tag).limit(limit)
    ).all()


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


def rename_page(page: Page, title: str, by: User, reason: str) -> None:
    """A new title and the address that follows from it; the old address becomes a redirect (and an old address
    taken back stops being one). The view checked the address is free; the unique slug backs that up."""
    old_title, old_slug, new_slug = page.title, page.slug, slugify(title)
    # Taking back one of its own old addresses; another page's old address the form refused.
    db.session.execute(delete(PageRedirect).where(PageRedirect.old_slug == new_slug, PageRedirect.page_id == page.id))
    page.title, page.slug = title, new_slug
    if new_slug != old_slug:
        db.session.add(PageRedirect(old_slug=old_slug, page_id=page.id))
    db.session.flush()
    record_change(ChangeKind.PAGE_RENAMED, by, page.change_subject(), summary=f"renamed “{old_title}” to “{title}”",
                  reason=reason)  # fmt: skip


def count_pages() -> int:
    return db.session.scalar(select(func.count()).select_from(Page)) or 0
