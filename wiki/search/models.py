"""SearchEntry: the current text of one page, definition or comment as plain words, and the full-text index over
it that each database keeps itself (SQLite FTS5, PostgreSQL tsvector with a GIN index).

The index is kept in step by the database (FTS5 triggers, a generated tsvector column) as entries are written,
and entries are written from the record of changes (wiki/search/index.py): nothing else touches them.
"""

from datetime import datetime

from sqlalchemy import DDL, ForeignKey, Integer, String, Text, UniqueConstraint, event
from sqlalchemy.orm import Mapped, mapped_column, relationship

from wiki.extensions import UTCDateTime, db, utcnow
from wiki.rendering import PAGE_SLUG_MAX_CHARS


class SearchKind:
    PAGE = "page"
    DEFINITION = "definition"
    COMMENT = "comment"
    ALL = (PAGE, DEFINITION, COMMENT)


class SearchEntry(db.Model):
    __tablename__ = "search_entries"
    __table_args__ = (UniqueConstraint("kind", "target_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))  # a SearchKind
    target_id: Mapped[int] = mapped_column(Integer)  # the page's, definition's or comment's id
    page_id: Mapped[int] = mapped_column(ForeignKey("pages.id"), index=True)  # the page the hit belongs to
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    revision_id: Mapped[int] = mapped_column(ForeignKey("revisions.id"))  # the text indexed: the current one
    # Indexed words: a page's title weighs more than any body text; definitions and comments have none.
    title: Mapped[str] = mapped_column(String(200), default="")
    body: Mapped[str] = mapped_column(Text, default="", deferred=True)  # up to a page's 200 KB: read for snippets
    # Hidden by flags or by a moderator: found by moderators only. Deleted things have no entry at all.
    is_hidden: Mapped[bool] = mapped_column(default=False)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    links: Mapped[list["SearchLink"]] = relationship(cascade="all, delete-orphan", lazy="raise_on_sql")


class SearchLink(db.Model):
    """A [[link]] in an entry's current text, by the slug it points to (the page may not exist yet): what links
    to a page is read from these."""

    __tablename__ = "search_links"
    __table_args__ = (UniqueConstraint("entry_id", "target_slug"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    entry_id: Mapped[int] = mapped_column(ForeignKey("search_entries.id"))  # indexed by the unique pair
    target_slug: Mapped[str] = mapped_column(String(PAGE_SLUG_MAX_CHARS), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


# What each database builds beside the table. Alembic compares neither (migrations/env.py leaves them out of
# `flask db check`); the migration that made search_entries runs the same statements.
SQLITE_INDEX = (
    # External content: the words live once, in search_entries; FTS5 keeps only its index of them.
    "CREATE VIRTUAL TABLE search_fts USING fts5(title, body, content='search_entries', content_rowid='id', "
    "tokenize='porter unicode61 remove_diacritics 0')",
    "CREATE TRIGGER search_entries_ai AFTER INSERT ON search_entries BEGIN "
    "INSERT INTO search_fts(rowid, title, body) VALUES (new.id, new.title, new.body); END",
    "CREATE TRIGGER search_entries_ad AFTER DELETE ON search_entries BEGIN "
    "INSERT INTO search_fts(search_fts, rowid, title, body) VALUES ('delete', old.id, old.title, old.body); END",
    "CREATE TRIGGER search_entries_au AFTER UPDATE OF title, body ON search_entries BEGIN "
    "INSERT INTO search_fts(search_fts, rowid, title, body) VALUES ('delete', old.id, old.title, old.body); "
    "INSERT INTO search_fts(rowid, title, body) VALUES (new.id, new.title, new.body); END",
)
POSTGRESQL_INDEX = (
    # Title words weigh A, body words D: ts_rank's default weights make a title match count ten times more.
    # Angle brackets become spaces: PostgreSQL's parser would take "<architects>" for an XML tag and drop it.
    "ALTER TABLE search_entries ADD COLUMN document tsvector GENERATED ALWAYS AS "
    "(setweight(to_tsvector('english', translate(title, '<>', '  ')), 'A') || "
    "setweight(to_tsvector('english', translate(body, '<>', '  ')), 'D')) STORED",
    "CREATE INDEX ix_search_entries_document ON search_entries USING gin (document)",
)
# Names Alembic must not compare: they are built by the statements above, not by the models.
INDEX_OBJECTS = frozenset(
    {"search_fts", "search_fts_data", "search_fts_idx", "search_fts_docsize", "search_fts_config",
     "search_fts_content", "document", "ix_search_entries_document"}
)  # fmt: skip

for statement in SQLITE_INDEX:
    event.listen(SearchEntry.__table__, "after_create", DDL(statement).execute_if(dialect="sqlite"))
for statement in POSTGRESQL_INDEX:
    event.listen(SearchEntry.__table__, "after_create", DDL(statement).execute_if(dialect="postgresql"))
event.listen(SearchEntry.__table__, "after_drop", DDL("DROP TABLE IF EXISTS search_fts").execute_if(dialect="sqlite"))
