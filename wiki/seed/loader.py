"""Load the seeded wiki through the same save path members use, so it has real history."""

from datetime import datetime, timedelta

from wiki.auth.models import Role, User, find_user
from wiki.extensions import db, utcnow
from wiki.history.models import Document
from wiki.history.service import save_revision
from wiki.pages.models import Page, PageKind, find_page, slugify
from wiki.seed.data import SeedMember, SeedPage


def _member(seed: SeedMember) -> tuple[User, bool]:
    user = find_user(seed.username)
    if user is not None:
        return user, False
    user = User(seed.username, password=None, role=Role(seed.role))  # no usable password
    db.session.add(user)
    return user, True


def _page(seed: SeedPage, members: dict[str, User], now: datetime) -> bool:
    slug = slugify(seed.title)
    if find_page(slug) is not None:
        return False
    page = Page(slug=slug, title=seed.title, kind=PageKind(seed.kind), document=Document())
    db.session.add(page)
    base = None
    for revision in seed.revisions:
        saved_at = now - timedelta(days=revision.days_ago)
        result = save_revision(
            page.document, revision.body, members[revision.author], revision.summary, base, at=saved_at
        )
        base = result.head.number
    page.created_at = now - timedelta(days=seed.revisions[0].days_ago)
    return True


def seed_wiki(members: list[SeedMember], pages: list[SeedPage]) -> tuple[int, int]:
    """Add whichever seed members and pages are missing; return how many of each were added."""
    now = utcnow()
    users: dict[str, User] = {}
    added_members = 0
    for seed in members:
        users[seed.username], added = _member(seed)
        added_members += added
    db.session.flush()
    added_pages = sum(_page(seed, users, now) for seed in pages)
    return added_members, added_pages
