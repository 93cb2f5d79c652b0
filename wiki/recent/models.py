"""Recent changes as the record of changes (wiki/changes.py) holds them: the filters, what each viewer may see,
and one line per change with its links. No tables of its own: everything is read from `changes`."""

from dataclasses import dataclass
from datetime import datetime

from flask import abort, url_for
from sqlalchemy import Select, and_, or_, select
from sqlalchemy.orm import aliased
from werkzeug.datastructures import MultiDict

from wiki.auth.models import User, find_user, sees_hidden
from wiki.changes import FAMILIES, MODERATION_KINDS, Change, ChangeKind
from wiki.definitions.models import Definition
from wiki.discussion.models import Comment
from wiki.extensions import db
from wiki.history.models import Document, Revision
from wiki.inputs import MAX_DATABASE_INT, parse_number
from wiki.pages.models import SLUG_MAX_CHARS, Page

KIND_CHOICES = frozenset(FAMILIES) | {kind.value for kind in ChangeKind}
# What a member's profile lists as their contributions, and counts.
CONTRIBUTION_KINDS = FAMILIES["page"] | FAMILIES["definition"] | FAMILIES["comment"] | FAMILIES["stance"]
# What only moderators see: their own actions, and flags (which tell who flagged whom).
MODERATOR_ONLY_KINDS = MODERATION_KINDS | {ChangeKind.FLAG_RAISED.value}
# Shown in an error message: enough of a value to recognize it, never a whole pasted megabyte.
ECHO_MAX_CHARS = 60


@dataclass(frozen=True)
class Filters:
    """What a list of changes is narrowed to; every part already checked (the member and the page exist)."""

    kind: str | None = None  # a family ("page") or an exact kind ("page.edited")
    user: User | None = None
    page: Page | None = None
    hide_mine: bool = False

    @property
    def for_moderators_only(self) -> bool:
        """The kind asked for is one only moderators see."""
        return self.kind in ("moderation", "flag") or self.kind in MODERATOR_ONLY_KINDS

    def query_args(self) -> dict:
        """The filters as links spell them: canonical, and never the request's own arguments."""
        args = {}
        if self.kind:
            args["kind"] = self.kind
        if self.user:
            args["user"] = self.user.username
        if self.page:
            args["slug"] = self.page.slug  # `slug`, not `page`: that one is also the page number
        if self.hide_mine:
            args["hide_mine"] = "1"
        return args


def _echo(value: str) -> str:
    return value if len(value) <= ECHO_MAX_CHARS else value[:ECHO_MAX_CHARS] + "…"


def page_number_and_filters(args: MultiDict) -> tuple[int, Filters]:
    """The page of the list and the filters a query asks for; anything unknown or malformed is a 400 that says what.

    `page` is the list's page number when it is digits (as in every list) and otherwise the slug of the page to
    show changes of; `slug` names that page too, also when its slug is all digits. Empty values filter nothing.
    """
    numbers, slugs = [], [value for value in args.getlist("slug") if value]
    for value in args.getlist("page"):
        if value.isascii() and value.isdigit():
            numbers.append(value)
        elif value:
            slugs.append(value)
    if len(numbers) > 1 or len(slugs) > 1:
        abort(400, description="Give at most one page number and one page to show the changes of.")
    number = parse_number(numbers[0]) if numbers else 1
    if number is None:
        abort(400, description=f"'page' must be a positive whole number (1 to {MAX_DATABASE_INT:,}) or a page's slug.")
    return number, Filters(
        kind=_kind(_single(args, "kind")),
        user=_member(_single(args, "user")),
        page=_page(slugs[0]) if slugs else None,
        hide_mine=_flag(_single(args, "hide_mine")),
    )


def _single(args: MultiDict, name: str) -> str:
    values = [value for value in args.getlist(name) if value]
    if len(values) > 1:
        abort(400, description=f"Give '{name}' once.")
    return values[0] if values else ""


def _kind(value: str) -> str | None:
    if value and value not in KIND_CHOICES:
        families = ", ".join(FAMILIES)
        abort(400, description=f"'kind' must be one of {families}, or one kind of change such as page.edited "
                               f"(not “{_echo(value)}”).")  # fmt: skip
    return value or None


def _member(value: str) -> User | None:
    if not value:
        return None
    member = find_user(value)
    if member is None:
        abort(400, description=f"There is no member called “{_echo(value)}”.")
    return member


def _page(value: str) -> Page | None:
    found = db.session.scalar(select(Page).where(Page.slug == value)) if len(value) <= SLUG_MAX_CHARS else None
    if found is None:
        abort(400, description=f"There is no page called “{_echo(value)}”.")
    return found


def _flag(value: str) -> bool:
    if value not in ("", "0", "1"):
        abort(400, description="'hide_mine' must be 1 (hide my own changes) or 0.")
    return value == "1"


def only_visible(query: Select, viewer) -> Select:
    """What a viewer may see of the record: moderators all of it; others neither moderators' actions (the
    moderation log is theirs alone) nor flags, which tell who flagged whom."""
    if sees_hidden(viewer):
        return query
    # is_moderation (indexed) says the same as the kinds in MODERATION_KINDS
    return query.where(Change.is_moderation.is_(False), Change.kind != ChangeKind.FLAG_RAISED.value)


# Newest first by the time each change says it was made, as lists show it (the seeded debate is recorded with the
# times it retells, not in their order), ties by id; each filter has an index that starts with it and goes on so.
NEWEST_FIRST = (Change.created_at.desc(), Change.id.desc())


def change_ids(filters: Filters, viewer) -> Select:
    """The ids of the changes a viewer may see that pass the filters, newest first: a list pages through these,
    then `lines` loads only the chosen ones."""
    query = only_visible(select(Change.id).order_by(*NEWEST_FIRST), viewer)
    if filters.kind == "moderation":
        query = query.where(Change.is_moderation.is_(True))
    elif filters.kind in FAMILIES:
        query = query.where(Change.kind.in_(FAMILIES[filters.kind]))
    elif filters.kind:
        query = query.where(Change.kind == filters.kind)
    if filters.user is not None:
        query = query.where(Change.user_id == filters.user.id)
    if filters.page is not None:
        query = query.where(Change.page_id == filters.page.id)
    if filters.hide_mine and viewer.is_authenticated:
        query = query.where(or_(Change.user_id.is_(None), Change.user_id != viewer.id))
    return query


def contribution_ids(member: User, viewer) -> Select:
    """A member's edits, definitions, comments and stances, newest first."""
    return change_ids(Filters(user=member), viewer).where(Change.kind.in_(CONTRIBUTION_KINDS))


@dataclass(frozen=True)
class Line:
    """One change as lists, feeds and the API show it. URLs are site paths."""

    id: int
    kind: str
    action: str  # "edit page", "change stance to dispute"
    created_at: datetime
    username: str | None  # None: done from the command line
    page_slug: str | None
    page_title: str | None
    summary: str | None  # None: hidden from this viewer (a hidden revision, definition or comment)
    reason: str
    thing_url: str | None  # what changed
    diff_url: str | None  # its difference from the revision before, where there is one the viewer may read

    @property
    def url(self) -> str | None:
        return self.diff_url or self.thing_url


_Target = aliased(User)  # the member a change is about (a suspension, a role, a profile)
_Reason = aliased(Comment)  # the comment that gives a stance's reason


def lines(ids: list[int], viewer) -> list[Line]:
    """The changes with these ids, newest first, each with who made it, its page, the states that decide what the
    viewer may read, and its links: one query, whatever the number of changes."""
    rows = db.session.execute(
        select(Change, User.username, Page.slug, Page.title, Page.document_id, Revision.number, Revision.is_hidden,
               Revision.document_id, Definition.is_hidden, Comment.is_hidden, Comment.is_deleted, _Target.username,
               _Reason.is_hidden, _Reason.is_deleted)
        .outerjoin(User, User.id == Change.user_id)
        .outerjoin(Page, Page.id == Change.page_id)
        .outerjoin(Revision, Revision.id == Change.revision_id)
        .outerjoin(Definition, and_(Change.target_type == "definition", Definition.id == Change.target_id))
        .outerjoin(Comment, and_(Change.target_type == "comment", Comment.id == Change.target_id))
        .outerjoin(_Target, and_(Change.target_type == "user", _Target.id == Change.target_id))
        # A stance names the revision of the comment that gives its reason: the reason is shown while it may be read.
        .outerjoin(_Reason, and_(Change.target_type == "definition", _Reason.document_id == Revision.document_id))
        .where(Change.id.in_(ids))
        .order_by(*NEWEST_FIRST)
    ).all()  # fmt: skip
    moderator = sees_hidden(viewer)
    return [_line(row, moderator) for row in rows]


def _line(row, moderator: bool) -> Line:
    (change, username, slug, title, page_document, number, revision_hidden, revision_document, definition_hidden,
     comment_hidden, comment_deleted, target_name, reason_hidden, reason_deleted) = row  # fmt: skip
    concealed = not moderator and bool(revision_hidden or definition_hidden or comment_hidden or comment_deleted
                                       or reason_hidden or reason_deleted)  # fmt: skip
    thing = _thing_url(change, slug, page_document, number, revision_document, target_name)
    diff = None
    if number and number > 1 and not concealed and change.target_type in _DIFFS:
        endpoint, argument = _DIFFS[change.target_type]
        target = slug if change.target_type == "page" else change.target_id
        diff = url_for(endpoint, **{argument: target, "from": number - 1, "to": number})
    return Line(change.id, change.kind, change.action, change.created_at, username, slug, title,
                None if concealed else change.summary, "" if concealed else change.reason, thing, diff)  # fmt: skip


# Where the diff of each kind of versioned thing is, and what its route calls the thing.
_DIFFS = {
    "page": ("pages.diff", "slug"),
    "definition": ("definitions.diff", "definition_id"),
    "comment": ("discussion.diff", "comment_id"),
}


def _thing_url(change: Change, slug, page_document, number, revision_document, target_name) -> str | None:
    kind = change.target_type
    if kind == "page" and slug:
        return url_for("pages.show", slug=slug)
    if kind == "definition":
        return url_for("definitions.show", definition_id=change.target_id)
    if kind == "comment":
        return url_for("discussion.show", comment_id=change.target_id)
    if kind == "revision" and slug:
        if revision_document == page_document:
            return url_for("pages.revision", slug=slug, number=number)
        return url_for("pages.history", slug=slug)  # a definition's or a comment's revision: its page's history
    if kind == "user" and target_name:
        return url_for("members.profile", username=target_name)
    return None


_DefinitionAuthor = aliased(User)


def readable_comments(page: Page, limit: int) -> list:
    """The newest comments on a page and on its definitions that a reader may read (none deleted or hidden, none
    on a hidden definition), with their current text and author, as plain rows: one query."""
    on_its_definitions = select(Definition.id).where(Definition.page_id == page.id)
    return db.session.execute(
        select(Comment.id, Comment.created_at, Revision.html, Revision.created_at.label("edited_at"),
               User.username, _DefinitionAuthor.username.label("definition_author"))
        .join(Document, Document.id == Comment.document_id)
        .join(Revision, and_(Revision.document_id == Document.id, Revision.number == Document.head_number))
        .join(User, User.id == Comment.author_id)
        .outerjoin(Definition, Definition.id == Comment.definition_id)
        .outerjoin(_DefinitionAuthor, _DefinitionAuthor.id == Definition.author_id)
        .where(
            or_(Comment.page_id == page.id, Comment.definition_id.in_(on_its_definitions)),
            Comment.is_deleted.is_(False),
            Comment.is_hidden.is_(False),
            or_(Definition.id.is_(None), Definition.is_hidden.is_(False)),
        )
        .order_by(Comment.created_at.desc(), Comment.id.desc())
        .limit(limit)
    ).all()  # fmt: skip
