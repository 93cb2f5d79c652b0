"""Full-text search and links: search_entries (the current text of every page, definition and comment as plain
words), each database's index over it (SQLite FTS5 with triggers; PostgreSQL a generated tsvector with a GIN
index), search_links (the [[links]] of those texts), page_redirects (old addresses of renamed pages), page_tags
(the tags a page's current text keeps) and an index of changes by kind

Revision ID: 5d2c8e41f0a7
Revises: b7e1a2c94d10

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "5d2c8e41f0a7"
down_revision = "b7e1a2c94d10"
branch_labels = None
depends_on = None

# As wiki/search/models.py builds them for a new database (db.create_all), written out here as of this revision.
SQLITE_INDEX = (
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
    "ALTER TABLE search_entries ADD COLUMN document tsvector GENERATED ALWAYS AS "
    "(setweight(to_tsvector('english', translate(title, '<>', '  ')), 'A') || "
    "setweight(to_tsvector('english', translate(body, '<>', '  ')), 'D')) STORED",
    "CREATE INDEX ix_search_entries_document ON search_entries USING gin (document)",
)


def upgrade():
    op.create_table(
        "search_entries",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("target_id", sa.Integer(), nullable=False),
        sa.Column("page_id", sa.Integer(), nullable=False),
        sa.Column("author_id", sa.Integer(), nullable=False),
        sa.Column("revision_id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("is_hidden", sa.Boolean(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["author_id"], ["users.id"], name=op.f("fk_search_entries_author_id_users")),
        sa.ForeignKeyConstraint(["page_id"], ["pages.id"], name=op.f("fk_search_entries_page_id_pages")),
        sa.ForeignKeyConstraint(["revision_id"], ["revisions.id"], name=op.f("fk_search_entries_revision_id_revisions")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_search_entries")),
        sa.UniqueConstraint("kind", "target_id", name=op.f("uq_search_entries_kind_target_id")),
    )
    with op.batch_alter_table("search_entries", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_search_entries_page_id"), ["page_id"], unique=False)
    op.create_table(
        "search_links",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("entry_id", sa.Integer(), nullable=False),
        sa.Column("target_slug", sa.String(length=120), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["entry_id"], ["search_entries.id"], name=op.f("fk_search_links_entry_id_search_entries")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_search_links")),
        sa.UniqueConstraint("entry_id", "target_slug", name=op.f("uq_search_links_entry_id_target_slug")),
    )
    with op.batch_alter_table("search_links", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_search_links_target_slug"), ["target_slug"], unique=False)
    with op.batch_alter_table("changes", schema=None) as batch_op:
        batch_op.create_index("ix_changes_kind_id", ["kind", "id"], unique=False)
    op.create_table(
        "page_redirects",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("old_slug", sa.String(length=120), nullable=False),
        sa.Column("page_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["page_id"], ["pages.id"], name=op.f("fk_page_redirects_page_id_pages")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_page_redirects")),
        sa.UniqueConstraint("old_slug", name=op.f("uq_page_redirects_old_slug")),
    )
    with op.batch_alter_table("page_redirects", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_page_redirects_page_id"), ["page_id"], unique=False)
    # Empty to begin with: texts saved before this revision keep no tags.
    op.create_table(
        "page_tags",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("page_id", sa.Integer(), nullable=False),
        sa.Column("tag", sa.String(length=30), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["page_id"], ["pages.id"], name=op.f("fk_page_tags_page_id_pages")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_page_tags")),
        sa.UniqueConstraint("page_id", "tag", name=op.f("uq_page_tags_page_id_tag")),
    )
    with op.batch_alter_table("page_tags", schema=None) as batch_op:
        batch_op.create_index("ix_page_tags_tag_page_id", ["tag", "page_id"], unique=False)
    connection = op.get_bind()
    for statement in SQLITE_INDEX if connection.dialect.name == "sqlite" else POSTGRESQL_INDEX:
        op.execute(statement)
    _index_what_exists(connection)


def _index_what_exists(connection):
    """Entries for the current text of every page, definition and (not deleted) comment already written. No links:
    text saved before this revision was rendered without [[links]]."""
    from wiki.search.index import plain_text  # the function the index itself uses, so entries read alike

    t = {
        name: sa.table(name, *(sa.column(column) for column in columns))
        for name, columns in {
            "pages": ("id", "title", "document_id"),
            "definitions": ("id", "page_id", "document_id", "is_hidden", "author_id"),
            "comments": ("id", "page_id", "definition_id", "document_id", "is_hidden", "is_deleted", "author_id"),
            "documents": ("id", "head_number"),
            "revisions": ("id", "document_id", "number", "author_id", "html"),
        }.items()
    }
    revisions, documents = t["revisions"], t["documents"]

    def heads(owner, author, *columns):
        """The owner's columns, its author (a page's: its newest revision's) and current revision."""
        return (
            sa.select(*columns, revisions.c.id.label("revision_id"), author.label("author_id"), revisions.c.html)
            .select_from(owner)
            .join(documents, documents.c.id == owner.c.document_id)
            .join(revisions, sa.and_(revisions.c.document_id == documents.c.id,
                                     revisions.c.number == documents.c.head_number))
        )  # fmt: skip

    pages, definitions, comments = t["pages"], t["definitions"], t["comments"]
    sources = {
        "page": heads(pages, revisions.c.author_id, pages.c.id, pages.c.id.label("page_id"), pages.c.title, sa.false().label("is_hidden")),
        "definition": heads(definitions, definitions.c.author_id, definitions.c.id, definitions.c.page_id, sa.literal("").label("title"),
                            definitions.c.is_hidden),
        "comment": heads(comments, comments.c.author_id, comments.c.id,
                         sa.func.coalesce(comments.c.page_id, definitions.c.page_id).label("page_id"),
                         sa.literal("").label("title"), comments.c.is_hidden)
        .outerjoin(definitions, definitions.c.id == comments.c.definition_id)
        .where(comments.c.is_deleted == sa.false()),
    }  # fmt: skip
    entries = sa.table(
        "search_entries",
        *(sa.column(name) for name in ("kind", "target_id", "page_id", "author_id", "revision_id", "title", "body",
                                       "is_hidden", "updated_at")),
    )  # fmt: skip
    now = sa.func.current_timestamp()
    for kind, query in sources.items():
        rows = [
            {"kind": kind, "target_id": row.id, "page_id": row.page_id, "author_id": row.author_id,
             "revision_id": row.revision_id, "title": row.title, "body": plain_text(row.html),
             "is_hidden": bool(row.is_hidden)}
            for row in connection.execute(query)
        ]  # fmt: skip
        for start in range(0, len(rows), 1000):
            connection.execute(entries.insert().values(updated_at=now), rows[start : start + 1000])


def downgrade():
    with op.batch_alter_table("page_tags", schema=None) as batch_op:
        batch_op.drop_index("ix_page_tags_tag_page_id")
    op.drop_table("page_tags")
    with op.batch_alter_table("page_redirects", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_page_redirects_page_id"))
    op.drop_table("page_redirects")
    with op.batch_alter_table("changes", schema=None) as batch_op:
        batch_op.drop_index("ix_changes_kind_id")
    with op.batch_alter_table("search_links", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_search_links_target_slug"))
    op.drop_table("search_links")
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TABLE IF EXISTS search_fts")
    with op.batch_alter_table("search_entries", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_search_entries_page_id"))
    op.drop_table("search_entries")
