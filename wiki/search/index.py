"""The search entries, kept in step from the record of changes: each recorded change to a page, a definition or a
comment refreshes that one entry in the change's own transaction, so the index can never lag or miss a write."""

import html as html_entities
import re

from sqlalchemy import and_, delete, false, func, insert, literal, select

from wiki.changes import Change
from wiki.definitions.models import Definition
from wiki.discussion.models import Comment
from wiki.extensions import db, utcnow
from wiki.history.models import Document, Revision
from wiki.pages.models import Page
from wiki.rendering import WIKILINK_CLASS, wikilink_targets
from wiki.search.models import SearchEntry, SearchKind, SearchLink

# Blocks and breaks part words; inline tags (links, emphasis) sit inside them.
_BLOCK_TAG = re.compile(r"</?(?:p|h[1-6]|li|ul|ol|tr|td|th|table|thead|tbody|blockquote|pre|br|hr)\b[^>]*>")
_TAG = re.compile(r"<[^>]*>")
# What links here records at most this many targets of one text (a text may hold a few thousand [[links]]).
LINKS_MAX = 500


def plain_text(html: str) -> str:
    """Stored HTML as the words a reader sees: tags gone, entities read, runs of space made one."""
    return " ".join(html_entities.unescape(_TAG.sub("", _BLOCK_TAG.sub(" ", html))).split())


def _current(document_owner, revision_id: int | None) -> Revision:
    """The owner's current revision: the change's own when it saved one (already in the session), else the head."""
    if revision_id is not None:
        revision = db.session.get(Revision, revision_id)
        if revision is not None and revision.document_id == document_owner.document_id:
            return revision
    return document_owner.document.head


def _write(kind: str, target_id: int, *, page_id: int, author_id: int, revision: Revision, title: str,
           is_hidden: bool) -> None:  # fmt: skip
    entry = db.session.scalar(select(SearchEntry).where(SearchEntry.kind == kind, SearchEntry.target_id == target_id))
    if entry is None:
        entry = SearchEntry(kind=kind, target_id=target_id, links=[])
        db.session.add(entry)
    elif entry.revision_id == revision.id and entry.title == title and entry.is_hidden == is_hidden:
        return  # a lock or a stance: nothing the index holds has changed
    if entry.revision_id != revision.id:
        entry.body = plain_text(revision.html)
        entry.revision_id = revision.id
        _relink(entry, set(sorted(wikilink_targets(revision.html))[:LINKS_MAX]))
    entry.page_id = page_id
    entry.author_id = author_id
    entry.title = title
    entry.is_hidden = is_hidden
    entry.updated_at = utcnow()


def _relink(entry: SearchEntry, targets: set[str]) -> None:
    """The entry's links made those of its new text; most texts have none, and then nothing is read."""
    if entry.id is not None:
        current = db.session.scalars(select(SearchLink).where(SearchLink.entry_id == entry.id)).all()
        if not current and not targets:
            return
        for link in current:
            if link.target_slug not in targets:
                db.session.delete(link)
        targets = targets - {link.target_slug for link in current}
        db.session.add_all(SearchLink(entry_id=entry.id, target_slug=slug) for slug in sorted(targets))
    else:
        entry.links = [SearchLink(target_slug=slug) for slug in sorted(targets)]


def _remove(kind: str, target_id: int) -> None:
    entry_ids = select(SearchEntry.id).where(SearchEntry.kind == kind, SearchEntry.target_id == target_id)
    db.session.execute(delete(SearchLink).where(SearchLink.entry_id.in_(entry_ids.scalar_subquery())))
    db.session.execute(delete(SearchEntry).where(SearchEntry.kind == kind, SearchEntry.target_id == target_id))


def refresh_page(page_id: int, revision_id: int | None = None) -> None:
    page = db.session.get(Page, page_id)
    if page is None:
        _remove(SearchKind.PAGE, page_id)
        return
    revision = _current(page, revision_id)
    _write(SearchKind.PAGE, page.id, page_id=page.id, author_id=revision.author_id, revision=revision,
           title=page.title, is_hidden=False)  # fmt: skip


def refresh_definition(definition_id: int, revision_id: int | None = None) -> None:
    definition = db.session.get(Definition, definition_id)
    if definition is None:
        _remove(SearchKind.DEFINITION, definition_id)
        return
    revision = _current(definition, revision_id)
    _write(SearchKind.DEFINITION, definition.id, page_id=definition.page_id, author_id=definition.author_id,
           revision=revision, title="", is_hidden=definition.is_hidden)  # fmt: skip


def refresh_comment(comment_id: int, revision_id: int | None = None) -> None:
    comment = db.session.get(Comment, comment_id)
    if comment is None or comment.is_deleted:
        _remove(SearchKind.COMMENT, comment_id)  # a deleted comment's text is nobody's to find
        return
    page_id = comment.page_id if comment.page_id is not None else comment.definition.page_id
    revision = _current(comment, revision_id)
    _write(SearchKind.COMMENT, comment.id, page_id=page_id, author_id=comment.author_id, revision=revision, title="",
           is_hidden=comment.is_hidden)  # fmt: skip


_REFRESH = {"page": refresh_page, "definition": refresh_definition, "comment": refresh_comment}


def index_change(change: Change) -> None:
    """The change listener: whatever a change touched, its entry now says what it holds."""
    refresh = _REFRESH.get(change.target_type)
    if refresh is not None:
        refresh(change.target_id, change.revision_id)


def _heads(owner, author, *columns):
    """Columns of owners with their author and current revision's (id, html), for writing entries in bulk."""
    return (
        select(*columns, Revision.id, author, Revision.html)
        .select_from(owner)
        .join(Document, Document.id == owner.document_id)
        .join(Revision, and_(Revision.document_id == Document.id, Revision.number == Document.head_number))
    )


def rebuild_index() -> int:
    """Every entry written afresh, in bulk, from what the database holds (the benchmark's bulk-built wiki, or a
    repair); returns how many there are. The caller commits."""
    db.session.execute(delete(SearchLink))
    db.session.execute(delete(SearchEntry))
    sources = (
        (SearchKind.PAGE, _heads(Page, Revision.author_id, Page.id, Page.id, Page.title, false())),
        (SearchKind.DEFINITION,
         _heads(Definition, Definition.author_id, Definition.id, Definition.page_id, literal(""),
                Definition.is_hidden)),
        (
            SearchKind.COMMENT,
            _heads(Comment, Comment.author_id, Comment.id, func.coalesce(Comment.page_id, Definition.page_id),
                   literal(""), Comment.is_hidden)
            .outerjoin(Definition, Definition.id == Comment.definition_id)
            .where(Comment.is_deleted.is_(False)),
        ),  # fmt: skip
    )
    count = 0
    now = utcnow()
    for kind, query in sources:
        batch = []
        for target_id, page_id, title, is_hidden, revision_id, author_id, html in db.session.execute(query):
            batch.append(
                {"kind": kind, "target_id": target_id, "page_id": page_id, "author_id": author_id,
                 "revision_id": revision_id, "title": title, "body": plain_text(html), "is_hidden": is_hidden,
                 "updated_at": now}
            )  # fmt: skip
            if len(batch) == 1000:
                db.session.execute(insert(SearchEntry), batch)
                count, batch = count + len(batch), []
        if batch:
            db.session.execute(insert(SearchEntry), batch)
            count += len(batch)
    linking = db.session.execute(
        select(SearchEntry.id, Revision.html)
        .join(Revision, Revision.id == SearchEntry.revision_id)
        .where(Revision.html.contains(WIKILINK_CLASS))
    )
    links = [{"entry_id": entry_id, "target_slug": slug, "created_at": now}
             for entry_id, html in linking for slug in sorted(wikilink_targets(html))[:LINKS_MAX]]  # fmt: skip
    for start in range(0, len(links), 1000):
        db.session.execute(insert(SearchLink), links[start : start + 1000])
    return count
