"""The shapes of the seeded wiki: plain data, loaded by wiki.seed.loader.

Every seeded text credited to a participant of the retold thread (Michael Platt,
Warren Brown, Beth Patton, the anonymous reader) names, in `source`, the comment
or comments of the thread it retells: ids of wiki.seed.debate.THREAD, each written
by that same participant. Texts by the wiki's invented members leave it None.
"""

from dataclasses import dataclass, field

# One id of wiki.seed.debate.THREAD, or several when a text retells more than one comment.
Source = str | tuple[str, ...] | None


def source_ids(source: Source) -> tuple[str, ...]:
    """The thread comment ids a `source` field names (none for None)."""
    if source is None:
        return ()
    return (source,) if isinstance(source, str) else tuple(source)


@dataclass(frozen=True)
class ThreadComment:
    """One comment (or the opening post) of the retold blog thread, for checking credited texts."""

    id: str
    author: str  # the SeedMember username of the person who wrote it
    quote: str  # a short verbatim excerpt of it, as it reads in the source document
    title: str  # where it sits in the thread, for readers of the seed


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
    source: Source = None  # the thread comment(s) it retells, when the author is a thread participant


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
    source: Source = None  # the thread comment(s) it retells, when the author is a thread participant


@dataclass(frozen=True)
class SeedStance:
    member: str
    stance: str  # "endorse" or "dispute"
    days_ago: float
    reason: str | None = None  # Markdown; posted as a comment on the definition, labelled with the stance
    source: Source = None  # the thread comment(s) that support the stance, when the member is a thread participant


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
