"""The shapes of the seeded wiki: plain data, loaded by wiki.seed.loader."""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class SeedMember:
    username: str
    role: str = "member"


@dataclass(frozen=True)
class SeedRevision:
    author: str  # a SeedMember username
    summary: str
    body: str  # the whole Markdown body of the page at this revision
    days_ago: float  # when it was saved, relative to the seeding moment


@dataclass(frozen=True)
class SeedPage:
    title: str
    kind: str  # "term" or "article"
    revisions: list[SeedRevision] = field(default_factory=list)
