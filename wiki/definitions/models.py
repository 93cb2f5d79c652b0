"""Definition (a proposal for a term, owning a Document) and Stance (a member's endorsement or dispute)."""

import enum
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import ForeignKey, UniqueConstraint, bindparam, func, select
from sqlalchemy.orm import Mapped, joinedload, mapped_column, relationship

from wiki.auth.models import User, sees_hidden
from wiki.changes import Change, ChangeKind, Subject, Version, newest_change, newest_change_query, record_change
from wiki.extensions import UTCDateTime, db, string_enum, utcnow
from wiki.history.models import Document, Revision
from wiki.pages.models import Page


class DefinitionStatus(enum.StrEnum):
    ACTIVE = "active"
    WITHDRAWN = "withdrawn"


class StanceKind(enum.StrEnum):
    ENDORSE = "endorse"
    DISPUTE = "dispute"


class Definition(db.Model):
    __tablename__ = "definitions"

    id: Mapped[int] = mapped_column(primary_key=True)
    page_id: Mapped[int] = mapped_column(ForeignKey("pages.id"), index=True)
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id"), unique=True)
    status: Mapped[DefinitionStatus] = mapped_column(
        string_enum(DefinitionStatus, "definition_status"), default=DefinitionStatus.ACTIVE
    )
    withdrawn_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    is_locked: Mapped[bool] = mapped_column(default=False)  # while locked, only moderators edit
    # Hidden from members: by three open flags until a moderator decides, or by a moderator's removal.
    is_hidden: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    page: Mapped[Page] = relationship()
    author: Mapped[User] = relationship()
    document: Mapped[Document] = relationship()

    @property
    def is_withdrawn(self) -> bool:
        return self.status == DefinitionStatus.WITHDRAWN

    def visible_to(self, viewer) -> bool:
        """Whether `viewer` may read it: hidden by flags or by a moderator, it is for moderators until they decide."""
        return not self.is_hidden or sees_hidden(viewer)

    @property
    def is_out(self) -> bool:
        """Out of the running: withdrawn, or hidden by moderation."""
        return self.is_withdrawn or self.is_hidden

    created_kind = ChangeKind.DEFINITION_PROPOSED
    edited_kind = ChangeKind.DEFINITION_EDITED
    reverted_kind = ChangeKind.DEFINITION_REVERTED

    def change_subject(self) -> Subject:
        return Subject("definition", self.id, self.page_id, f"definition {self.id} of {self.page.title}")

    def text_saved(self, revision: Revision) -> None:
        pass

    def markdown_of(self, text: str) -> str:
        return text


def _plain(markdown: str, length: int = 300) -> str:
    """The start of a Markdown text on one line, for the record of changes."""
    text = " ".join(markdown.split())
    return text if len(text) <= length else text[: length - 1] + "…"


def withdraw_definition(definition: Definition, by: User, *, at: datetime | None = None) -> None:
    """The proposer withdraws a definition: it stays, marked withdrawn, with its history."""
    definition.status = DefinitionStatus.WITHDRAWN
    definition.withdrawn_at = at or utcnow()
    record_change(ChangeKind.DEFINITION_WITHDRAWN, by, definition.change_subject(), at=definition.withdrawn_at)


class Stance(db.Model):
    __tablename__ = "stances"
    __table_args__ = (UniqueConstraint("definition_id", "user_id"),)  # one stance per member per definition

    id: Mapped[int] = mapped_column(primary_key=True)
    definition_id: Mapped[int] = mapped_column(ForeignKey("definitions.id"))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    kind: Mapped[StanceKind] = mapped_column(string_enum(StanceKind, "stance_kind"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    definition: Mapped[Definition] = relationship()
    user: Mapped[User] = relationship()


@dataclass(frozen=True)
class RankedDefinition:
    """A definition with its current text and counts, as a term page lists it."""

    definition: Definition
    revision: Revision
    endorsements: int
    disputes: int
    is_leading: bool = False

    @property
    def score(self) -> int:
        return self.endorsements - self.disputes


def _with_head():
    return joinedload(Definition.document).joinedload(Document.head).joinedload(Revision.author)


def _count_of(kind: StanceKind):
    """How many stances of one kind a definition has, counted from the stored rows in the same query."""
    return (
        select(func.count())
        .where(Stance.definition_id == Definition.id, Stance.kind == kind)
        .correlate(Definition)
        .scalar_subquery()
    )


def _with_counts():
    return select(Definition, _count_of(StanceKind.ENDORSE), _count_of(StanceKind.DISPUTE)).options(
        _with_head(), joinedload(Definition.author)
    )


def rank(rows) -> list[RankedDefinition]:
    """Definitions by score (ties: older first); withdrawn or hidden ones last. The top leads above zero."""
    ranked = [
        RankedDefinition(definition, definition.document.head, endorsements, disputes)
        for definition, endorsements, disputes in rows
    ]
    ranked.sort(key=lambda item: (item.definition.is_out, -item.score, item.definition.created_at, item.definition.id))
    if ranked and not ranked[0].definition.is_out and ranked[0].score > 0:
        top = ranked[0]
        ranked[0] = RankedDefinition(top.definition, top.revision, top.endorsements, top.disputes, is_leading=True)
    return ranked


def definitions_of(page: Page) -> list[RankedDefinition]:
    """A term's definitions in page order, with their text and counts, in one query."""
    return rank(db.session.execute(_with_counts().where(Definition.page_id == page.id)).all())


_OF_DEFINITIONS_PAGE = newest_change_query(
    Change.page_id == select(Definition.page_id).where(Definition.id == bindparam("definition_id")).scalar_subquery(),
    with_titles=True,
)


def definition_version(definition_id: int, **_view_args) -> Version | None:
    """A definition's views show parts of its term page (title, lock, closed discussion): the page's version."""
    return newest_change(_OF_DEFINITIONS_PAGE, definition_id=definition_id)


def get_definition_or_404(definition_id: int) -> Definition:
    return db.one_or_404(
        select(Definition)
        .where(Definition.id == definition_id)
        .options(_with_head(), joinedload(Definition.author), joinedload(Definition.page)),
        description=f"There is no definition {definition_id}.",
    )


def ranked_one(definition: Definition) -> RankedDefinition:
    _, endorsements, disputes = db.session.execute(_with_counts().where(Definition.id == definition.id)).one()
    return RankedDefinition(definition, definition.document.head, endorsements, disputes)


def stance_of(definition: Definition, user: User) -> Stance | None:
    return db.session.scalar(select(Stance).where(Stance.definition_id == definition.id, Stance.user_id == user.id))


def set_stance(
    definition: Definition,
    user: User,
    kind: StanceKind | None,
    *,
    reason: Revision | None = None,
    at: datetime | None = None,
) -> Stance | None:
    """Record, change or (kind None) remove a member's stance; one row per member per definition, and one
    change for each time it moves (nothing when it stays). `reason` is the first revision of the comment that
    gives the reason: the change names it and carries the start of its text, which lists and notifications show
    only while that comment may be read (wiki/recent/models.py)."""
    stance = stance_of(definition, user)
    at = at or utcnow()
    if kind is None:
        if stance is not None:
            db.session.delete(stance)
            record_change(ChangeKind.STANCE_REMOVED, user, definition.change_subject(), at=at)
        return None
    if stance is None:
        stance = Stance(definition=definition, user=user, kind=kind, created_at=at, updated_at=at)
        db.session.add(stance)
        change = ChangeKind.STANCE_TAKEN
    elif stance.kind != kind:
        stance.kind = kind
        stance.updated_at = at
        change = ChangeKind.STANCE_CHANGED
    else:
        return stance
    record_change(change, user, definition.change_subject(), value=kind.value, summary=f"{kind.value}s",
                  reason=_plain(reason.body) if reason else "", revision_id=reason.id if reason else None,
                  at=at)  # fmt: skip
    return stance
