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


@dataclass(frozen=True)
class SeedComment:
    author: str
    body: str  # Markdown, as first posted
    days_ago: float
    replies: list["SeedComment"] = field(default_factory=list)
    # Later versions of this comment's text, oldest first, so "edited" and its history show.
    edits: list[SeedRevision] = field(default_factory=list)


@dataclass(frozen=True)
class SeedStance:
    member: str
    stance: str  # "endorse" or "dispute"
    days_ago: float
    reason: str | None = None  # Markdown; posted as a comment on the definition, labelled with the stance


@dataclass(frozen=True)
class SeedDefinition:
    page: str  # the title of a term page in PAGES
    author: str  # the proposer
    revisions: list[SeedRevision]  # the first is the proposal; more show its history
    stances: list[SeedStance] = field(default_factory=list)
    comments: list[SeedComment] = field(default_factory=list)
    withdrawn: bool = False


@dataclass(frozen=True)
class SeedDiscussion:
    page: str  # the title of a page in PAGES
    comments: list[SeedComment]
