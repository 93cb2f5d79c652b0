"""Saving revisions (with stale-base merging), and the reads every history view shares."""

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Literal

from sqlalchemy import Row, select, update
from werkzeug.exceptions import ServiceUnavailable

from wiki.changes import ChangeKind, record_change
from wiki.diffing import three_way_merge
from wiki.extensions import db, utcnow
from wiki.history.models import Document, Revision, Versioned
from wiki.paging import paginate
from wiki.rendering import render_markdown

if TYPE_CHECKING:
    from wiki.auth.models import User

# A save retries this often when another save takes the head between its read and its write.
SAVE_ATTEMPTS = 5

Outcome = Literal["created", "merged", "unchanged", "conflict"]


class InvalidBase(ValueError):
    """The base revision named by an editor does not exist in this document."""


class HiddenBase(InvalidBase):
    """The base revision's text is hidden from the editor: merging onto it would let them test guesses of it."""


class TooManyConcurrentSaves(ServiceUnavailable):
    """The head kept moving under a save (it should not, with the row lock): a 503, nothing saved."""

    description = "This was changing too fast to save safely. Nothing was saved; go back and send it again."


@dataclass(frozen=True)
class SaveResult:
    outcome: Outcome
    revision: Revision | None  # the revision created, or None
    head: Revision | None  # the newest revision after the call (theirs, on a conflict)
    body: str  # the text that was saved, or on a conflict the user's own text


def normalize_text(text: str) -> str:
    """Browsers send CRLF from textareas; keep LF so diffs and merges see lines, not line endings."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _head_number(document: Document, *, lock: bool = False) -> int:
    # A fresh read: another transaction may have moved the head since this session loaded the row.
    query = select(Document.head_number).where(Document.id == document.id)
    if lock:
        # Saves of one document queue on its row (PostgreSQL) instead of racing. FOR NO KEY UPDATE, because
        # rows that merely reference the document (a comment, a definition) take KEY SHARE locks on it, and
        # FOR UPDATE would make them wait for the save. SQLite ignores FOR UPDATE; there the compare-and-set
        # below runs under the write lock, and a lost race is retried.
        query = query.with_for_update(key_share=True)
    return db.session.scalar(query) or 0


def get_revision(document: Document, number: int) -> Revision | None:
    return db.session.scalar(select(Revision).where(Revision.document_id == document.id, Revision.number == number))


def save_revision(
    owner: Versioned,
    body: str,
    author: "User",
    summary: str = "",
    base: int | None = None,
    *,
    kind: ChangeKind | None = None,
    at: datetime | None = None,
    may_see_hidden: bool = True,
) -> SaveResult:
    """The only way to change a document: merge a stale base, refuse a conflict, never overwrite; and the one
    place a new revision is recorded as a change (`kind`, by default the owner's created or edited kind).

    `base` is the revision number the editor started from (None when creating); a hidden one only for those
    who `may_see_hidden`. The new revision is rendered once here. The head advances by compare-and-set, and the unique
    (document, number) constraint backs it, so concurrent saves cannot both win.
    """
    document = owner.document
    body = normalize_text(body)
    # Rendered before the document's row is locked, so other saves never wait on Markdown.
    rendered = {body: str(render_markdown(owner.markdown_of(body)))}
    if document.id is None and base is None:
        result = _first_revision(document, body, rendered[body], author, summary, at or utcnow())
        return _recorded(owner, result, kind or owner.created_kind, author)
    if db.session.new or document.id is None:
        db.session.flush()
    for _ in range(SAVE_ATTEMPTS):
        head_number = _head_number(document, lock=True)
        if base is not None and not 1 <= base <= head_number:
            raise InvalidBase(f"revision {base} does not exist")
        head = get_revision(document, head_number) if head_number else None
        text, outcome = body, "created"
        if head is not None and (base or 0) != head_number:
            base_revision = get_revision(document, base) if base else None
            if base_revision is not None and base_revision.is_hidden and not may_see_hidden:
                raise HiddenBase(f"revision {base} is hidden")
            merge = three_way_merge(base_revision.body if base_revision else "", head.body, body)
            if merge.conflicted:
                return SaveResult("conflict", None, head, body)
            text, outcome = merge.text, "merged"
        if head is not None and text == head.body:
            return SaveResult("unchanged", None, head, text)
        if text not in rendered:  # a merge produced new text
            rendered[text] = str(render_markdown(owner.markdown_of(text)))
        html = rendered[text]
        saved_at = at or utcnow()
        claimed = db.session.execute(
            update(Document)
            .where(Document.id == document.id, Document.head_number == head_number)
            .values(head_number=head_number + 1, updated_at=saved_at)
            .execution_options(synchronize_session=False)
        ).rowcount
        if claimed != 1:
            continue
        revision = _new_revision(head_number + 1, text, html, author, summary, saved_at, document_id=document.id)
        db.session.add(revision)
        db.session.flush()
        db.session.expire(document, ["head_number", "head", "updated_at"])
        first = head_number == 0
        return _recorded(owner, SaveResult(outcome, revision, revision, text), kind or _kind(owner, first), author)
    raise TooManyConcurrentSaves()


def _kind(owner: Versioned, first: bool) -> ChangeKind:
    return owner.created_kind if first else owner.edited_kind


def _recorded(owner: Versioned, result: SaveResult, kind: ChangeKind, author: "User") -> SaveResult:
    revision = result.revision
    owner.text_saved(revision)
    record_change(
        kind, author, owner.change_subject(), revision_id=revision.id, summary=revision.summary, at=revision.created_at
    )
    return result


def _new_revision(number: int, text: str, html: str, author: "User", summary: str, at: datetime, **document):
    return Revision(
        number=number,
        body=text,
        html=html,
        author=author,
        summary=summary.strip(),
        size=len(text.encode("utf-8")),
        created_at=at,
        **document,
    )


def _first_revision(document: Document, body: str, html: str, author: "User", summary: str, at: datetime):
    """A document not yet in the database: no other transaction can see it, so its first revision needs no
    lock or compare-and-set, and the document, its owner and the revision go in with one flush."""
    document.head_number = 1
    document.updated_at = at
    revision = _new_revision(1, body, html, author, summary, at, document=document)
    db.session.add(revision)
    db.session.flush()
    db.session.expire(document, ["head"])
    return SaveResult("created", revision, revision, body)


def revert_to(owner: Versioned, number: int, author: "User") -> SaveResult:
    """A new revision whose body equals revision `number`."""
    old = get_revision_or_404(owner.document, number)
    summary = f"Reverted to revision {number}"
    return save_revision(owner, old.body, author, summary, base=_head_number(owner.document), kind=owner.reverted_kind)


# Reads shared by every owner's history, revision and diff views.


def get_revision_or_404(document: Document, number: int) -> Revision:
    return db.one_or_404(
        select(Revision).where(Revision.document_id == document.id, Revision.number == number),
        description=f"There is no revision {number}.",
    )


@dataclass(frozen=True)
class HistoryEntry:
    revision: Row  # id, number, summary, size, created_at, is_hidden: what a history line shows, no text
    author: str
    visible: bool  # whether the viewer may read the revision (its text, summary and size)
    size: int | None  # None when the text is hidden from the viewer: its size would tell about it
    size_change: int | None  # None when either side of the change is hidden from the viewer


@dataclass(frozen=True)
class HistoryPage:
    entries: list[HistoryEntry]
    page: int
    has_next: bool
    total: int


def history_page(document: Document, page: int, *, show_hidden: bool) -> HistoryPage:
    """Revisions newest first, each with its change in size; sizes of hidden texts only for those who
    `show_hidden`. A page past the end is a 404.

    Plain rows of the shown columns, not ORM objects: a history page of 50 lines is a hot path.
    """
    author = Revision.author.property.mapper.class_  # the user model, without importing a domain here
    shown = (Revision.id, Revision.number, Revision.summary, Revision.size, Revision.created_at, Revision.is_hidden)
    listing = paginate(
        select(*shown, author.username)
        .join(Revision.author)
        .where(Revision.document_id == document.id)
        .order_by(Revision.number.desc()),
        page,
        rows=True,
        count=False,  # numbers run 1..head without gaps: the head is the count
        noun="history",
    )
    rows = listing.items
    total = _head_number(document)
    before = None  # the revision before the page's oldest, for that one's change in size
    if rows and rows[-1].number > 1:
        before = db.session.execute(
            select(*shown).where(Revision.document_id == document.id, Revision.number == rows[-1].number - 1)
        ).one()
    entries = []
    for index, row in enumerate(rows):
        previous = rows[index + 1] if index + 1 < len(rows) else before
        size = None if row.is_hidden and not show_hidden else row.size
        previous_size = 0 if previous is None else None if previous.is_hidden and not show_hidden else previous.size
        change = None if size is None or previous_size is None else size - previous_size
        entries.append(HistoryEntry(row, row.username, not row.is_hidden or show_hidden, size, change))
    return HistoryPage(entries, page, page * listing.per_page < total, total)


def diff_pair(document: Document, first_number: int, second_number: int) -> tuple[Revision, Revision]:
    """The two revisions of a diff, older first whichever way they were given."""
    first = get_revision_or_404(document, first_number)
    second = get_revision_or_404(document, second_number)
    return (first, second) if first.number <= second.number else (second, first)
