"""Load the seeded wiki through the same save paths members use, so it has real history."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import exists, select

from wiki.auth.models import Role, User, find_user
from wiki.definitions.models import Definition, StanceKind, set_stance, withdraw_definition
from wiki.discussion.models import Comment, Owner, owner_filter
from wiki.discussion.service import post_comment
from wiki.extensions import db, utcnow
from wiki.history.models import Document, Versioned
from wiki.history.service import save_revision
from wiki.pages.models import Page, PageKind, find_page, slugify
from wiki.seed.data import SeedComment, SeedDefinition, SeedDiscussion, SeedMember, SeedPage, SeedRevision


@dataclass
class SeedCounts:
    members: int = 0
    pages: int = 0
    definitions: int = 0
    comments: int = 0


class Seeder:
    """Adds whatever part of the seed is missing; running it again adds nothing."""

    def __init__(self) -> None:
        self.now = utcnow()
        self.users: dict[str, User] = {}
        self.counts = SeedCounts()

    def at(self, days_ago: float) -> datetime:
        return self.now - timedelta(days=days_ago)

    def member(self, seed: SeedMember) -> None:
        user = find_user(seed.username)
        if user is None:
            user = User(seed.username, password=None, role=Role(seed.role))  # no usable password
            db.session.add(user)
            self.counts.members += 1
        self.users[seed.username] = user

    def revisions(self, owner: Versioned, revisions: list[SeedRevision]) -> None:
        for revision in revisions:
            save_revision(
                owner,
                revision.body,
                self.users[revision.author],
                revision.summary,
                owner.document.head_number or None,
                at=self.at(revision.days_ago),
            )

    def page(self, seed: SeedPage) -> None:
        slug = slugify(seed.title)
        if find_page(slug) is not None:
            return
        page = Page(
            slug=slug,
            title=seed.title,
            kind=PageKind(seed.kind),
            document=Document(),
            created_at=self.at(seed.revisions[0].days_ago),
        )
        db.session.add(page)
        self.revisions(page, seed.revisions)
        self.counts.pages += 1

    def comments(self, owner: Owner, seeds: list[SeedComment], parent: Comment | None = None) -> None:
        for seed in seeds:
            comment = post_comment(owner, seed.body, self.users[seed.author], parent, at=self.at(seed.days_ago))
            self.revisions(comment, seed.edits)
            self.counts.comments += 1
            self.comments(owner, seed.replies, comment)

    def definition(self, seed: SeedDefinition, page: Page) -> None:
        first = seed.revisions[0]
        definition = Definition(
            page=page, author=self.users[seed.author], document=Document(), created_at=self.at(first.days_ago)
        )
        db.session.add(definition)
        self.revisions(definition, seed.revisions)
        for stance in seed.stances:
            kind = StanceKind(stance.stance)
            member, at = self.users[stance.member], self.at(stance.days_ago)
            reason = post_comment(definition, stance.reason, member, stance=kind, at=at) if stance.reason else None
            set_stance(definition, member, kind, reason=reason.document.head if reason else None, at=at)
            if reason:
                self.counts.comments += 1
        self.comments(definition, seed.comments)
        if seed.withdrawn:
            last_saved = min(revision.days_ago for revision in seed.revisions)
            withdraw_definition(definition, self.users[seed.author], at=self.at(last_saved))
        self.counts.definitions += 1


def _has_definitions(page: Page) -> bool:
    return bool(db.session.scalar(select(exists().where(Definition.page_id == page.id))))


def _has_comments(owner: Owner) -> bool:
    return bool(db.session.scalar(select(exists().where(owner_filter(owner)))))


def seed_wiki(
    members: list[SeedMember],
    pages: list[SeedPage],
    definitions: list[SeedDefinition],
    discussions: list[SeedDiscussion],
) -> SeedCounts:
    """Add the missing members and pages; a page's definitions and discussion only while it has none."""
    seeder = Seeder()
    for member in members:
        seeder.member(member)
    db.session.flush()
    for page in pages:
        seeder.page(page)
    db.session.flush()
    undefined = {seed.page for seed in definitions if not _has_definitions(find_page(slugify(seed.page)))}
    for seed in definitions:
        if seed.page in undefined:
            seeder.definition(seed, find_page(slugify(seed.page)))
    for discussion in discussions:
        page = find_page(slugify(discussion.page))
        if not _has_comments(page):
            seeder.comments(page, discussion.comments)
    return seeder.counts
