"""Comment (owning a Document, so every edit is kept) and the thread: loaded in one query, built in one pass."""

from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal

from sqlalchemy import CheckConstraint, ForeignKey, and_, bindparam, func, select
from sqlalchemy.orm import Mapped, contains_eager, joinedload, mapped_column, relationship

from wiki.auth.models import User, sees_hidden
from wiki.changes import Change, ChangeKind, Subject, Version, newest_change, newest_change_query
from wiki.definitions.models import Definition, StanceKind
from wiki.extensions import UTCDateTime, db, string_enum, utcnow
from wiki.history.models import Document, Revision
from wiki.pages.models import Page

Owner = Page | Definition


class Comment(db.Model):
    __tablename__ = "comments"
    __table_args__ = (
        # A comment belongs to exactly one discussion: a page's or a definition's.
        CheckConstraint("(page_id IS NULL) <> (definition_id IS NULL)", name="one_discussion"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    page_id: Mapped[int | None] = mapped_column(ForeignKey("pages.id"), index=True)
    definition_id: Mapped[int | None] = mapped_column(ForeignKey("definitions.id"), index=True)
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("comments.id"), index=True)
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id"), unique=True)
    # Set when the comment gives the reason for an endorsement or dispute.
    stance: Mapped[StanceKind | None] = mapped_column(string_enum(StanceKind, "comment_stance"))
    is_deleted: Mapped[bool] = mapped_column(default=False)
    deleted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    deleted_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    # Hidden from members by three open flags, until a moderator decides.
    is_hidden: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    page: Mapped[Page | None] = relationship()
    definition: Mapped[Definition | None] = relationship()
    parent: Mapped["Comment | None"] = relationship(remote_side=[id])
    author: Mapped[User] = relationship(foreign_keys=[author_id])
    deleted_by: Mapped[User | None] = relationship(foreign_keys=[deleted_by_id])
    document: Mapped[Document] = relationship()

    @property
    def owner(self) -> Owner:
        return self.page if self.page_id is not None else self.definition

    created_kind = ChangeKind.COMMENT_POSTED
    edited_kind = ChangeKind.COMMENT_EDITED
    reverted_kind = ChangeKind.COMMENT_EDITED  # comments have no revert; an edit back is an edit

    def change_subject(self) -> Subject:
        page_id = self.page_id if self.page_id is not None else self.definition.page_id
        return Subject("comment", self.id, page_id, f"comment {self.id} by {self.author.username}")

    def text_saved(self, revision: Revision) -> None:
        pass

    def markdown_of(self, text: str) -> str:
        return text

    def visible_to(self, viewer) -> bool:
        """Whether `viewer` may read its text: a deleted one's is nobody's; a hidden one's is moderators'."""
        return not self.is_deleted and (not self.is_hidden or sees_hidden(viewer))

    def history_visible_to(self, viewer) -> bool:
        """Whether `viewer` may read its versions: a deleted or hidden comment's are for moderators."""
        return sees_hidden(viewer) or not (self.is_deleted or self.is_hidden)

    def soft_delete(self, by: User) -> None:
        self.is_deleted = True
        self.deleted_at = utcnow()
        self.deleted_by = by


_OF_COMMENTS_PAGE = newest_change_query(
    Change.page_id
    == select(func.coalesce(Comment.page_id, Definition.page_id))
    .outerjoin(Definition, Definition.id == Comment.definition_id)
    .where(Comment.id == bindparam("comment_id"))
    .scalar_subquery(),
    with_titles=True,
)
# The newest change of a page, by its id: a thread's version.
OF_PAGE_ID = newest_change_query(Change.page_id == bindparam("page_id"), with_titles=True)


def comment_version(comment_id: int, **_view_args) -> Version | None:
    """A comment's views show its discussion: the newest change of the page the comment is on."""
    return newest_change(_OF_COMMENTS_PAGE, comment_id=comment_id)


def is_closed(owner: Owner) -> bool:
    """Whether a moderator closed this discussion: a page's own, or a definition's through its page."""
    return (owner if isinstance(owner, Page) else owner.page).discussion_closed


CLOSED = "A moderator has closed this discussion: it can be read, but it takes no new comments."


def owner_filter(owner: Owner):
    if isinstance(owner, Page):
        return Comment.page_id == owner.id
    return Comment.definition_id == owner.id


def owner_columns(owner: Owner) -> dict:
    return {"page": owner} if isinstance(owner, Page) else {"definition": owner}


@dataclass
class CommentNode:
    comment: Comment
    revision: Revision  # the current text
    replies: list["CommentNode"] = field(default_factory=list)

    @property
    def edited(self) -> bool:
        return self.revision.number > 1


def load_thread(owner: Owner) -> dict[int, CommentNode]:
    """Every comment of a discussion with its current text and author, in one query, keyed by id."""
    rows = db.session.execute(
        select(Comment, Revision)
        .join(Comment.document)
        .join(Revision, and_(Revision.document_id == Document.id, Revision.number == Document.head_number))
        .where(owner_filter(owner))
        .options(contains_eager(Comment.document), joinedload(Comment.author))
        .order_by(Comment.created_at, Comment.id)
    ).all()
    return {comment.id: CommentNode(comment, revision) for comment, revision in rows}


Sort = Literal["oldest", "newest"]


def build_tree(nodes: dict[int, CommentNode], sort: Sort = "oldest") -> list[CommentNode]:
    """Attach every node to its parent in one pass; return the top-level comments."""
    roots: list[CommentNode] = []
    for node in nodes.values():  # oldest first, as loaded
        parent = nodes.get(node.comment.parent_id) if node.comment.parent_id else None
        (parent.replies if parent else roots).append(node)
    if sort == "newest":
        roots.reverse()
        for node in nodes.values():
            node.replies.reverse()
    return roots


@dataclass(frozen=True)
class ThreadStep:
    """One step of a depth-first walk: open a comment, close it, or link to replies too deep to show here."""

    kind: Literal["open", "close", "more"]
    node: CommentNode
    depth: int


def walk(roots: list[CommentNode], max_depth: int) -> list[ThreadStep]:
    """The tree as a flat list of steps, so a template draws nested elements without recursion."""
    steps: list[ThreadStep] = []
    stack: list[tuple[CommentNode, int, bool]] = [(node, 0, False) for node in reversed(roots)]
    while stack:
        node, depth, closing = stack.pop()
        if closing:
            steps.append(ThreadStep("close", node, depth))
            continue
        steps.append(ThreadStep("open", node, depth))
        stack.append((node, depth, True))
        if node.replies and depth + 1 >= max_depth:
            steps.append(ThreadStep("more", node, depth))
        elif node.replies:
            stack.extend((reply, depth + 1, False) for reply in reversed(node.replies))
    return steps


def get_comment_or_404(comment_id: int) -> Comment:
    return db.one_or_404(
        select(Comment)
        .where(Comment.id == comment_id)
        .options(
            joinedload(Comment.author),
            joinedload(Comment.page),
            joinedload(Comment.definition).joinedload(Definition.page),
            joinedload(Comment.document).joinedload(Document.head),
        ),
        description=f"There is no comment {comment_id}.",
    )


def find_parent(owner: Owner, parent_id: int) -> Comment | None:
    """The comment being replied to, only if it belongs to the same discussion."""
    return db.session.scalar(select(Comment).where(Comment.id == parent_id, owner_filter(owner)))
