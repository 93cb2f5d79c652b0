"""One record of every change: the changes table, filled from what the database already holds; it replaces the
moderation log and the view and thread version counters

Revision ID: f1119aab776e
Revises: 8105aa86909e

"""
import re

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "f1119aab776e"
down_revision = "8105aa86909e"
branch_labels = None
depends_on = None

MODERATION_KINDS = {
    "flags.dismissed", "flags.upheld", "page.locked", "page.unlocked", "definition.locked", "definition.unlocked",
    "discussion.closed", "discussion.reopened", "revision.hidden", "revision.unhidden", "member.suspended",
    "member.unsuspended", "member.role",
}  # fmt: skip

changes = sa.table(
    "changes",
    sa.column("kind", sa.String),
    sa.column("is_moderation", sa.Boolean),
    sa.column("user_id", sa.Integer),
    sa.column("created_at", sa.DateTime),
    sa.column("page_id", sa.Integer),
    sa.column("target_type", sa.String),
    sa.column("target_id", sa.Integer),
    sa.column("revision_id", sa.Integer),
    sa.column("summary", sa.String),
    sa.column("reason", sa.String),
    sa.column("value", sa.String),
)


def _table(name, *columns):
    return sa.table(name, *(sa.column(column, sa.DateTime if column.endswith("_at") else None) for column in columns))


def upgrade():
    op.create_table(
        "changes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("is_moderation", sa.Boolean(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("page_id", sa.Integer(), nullable=True),
        sa.Column("target_type", sa.String(length=20), nullable=False),
        sa.Column("target_id", sa.Integer(), nullable=False),
        sa.Column("revision_id", sa.Integer(), nullable=True),
        sa.Column("summary", sa.String(length=300), nullable=False),
        sa.Column("reason", sa.String(length=500), nullable=False),
        sa.Column("value", sa.String(length=40), nullable=True),
        sa.ForeignKeyConstraint(["page_id"], ["pages.id"], name=op.f("fk_changes_page_id_pages")),
        sa.ForeignKeyConstraint(["revision_id"], ["revisions.id"], name=op.f("fk_changes_revision_id_revisions")),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name=op.f("fk_changes_user_id_users")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_changes")),
    )
    op.bulk_insert(changes, _past_changes(op.get_bind()))
    with op.batch_alter_table("changes", schema=None) as batch_op:
        batch_op.create_index("ix_changes_is_moderation_id", ["is_moderation", "id"], unique=False)
        batch_op.create_index("ix_changes_page_id_id", ["page_id", "id"], unique=False)
        batch_op.create_index("ix_changes_target_type_id", ["target_type", "id"], unique=False)
        batch_op.create_index("ix_changes_user_id_id", ["user_id", "id"], unique=False)

    with op.batch_alter_table("moderation_actions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_moderation_actions_created_at"))
        batch_op.drop_index(batch_op.f("ix_moderation_actions_moderator_id"))
    op.drop_table("moderation_actions")
    with op.batch_alter_table("definitions", schema=None) as batch_op:
        batch_op.drop_column("thread_version")
    with op.batch_alter_table("pages", schema=None) as batch_op:
        batch_op.drop_column("view_version")
        batch_op.drop_column("thread_version")


def _past_changes(connection) -> list[dict]:
    """Every change the tables can still tell of, oldest first, so ids follow time as they do from now on."""
    pages = _table("pages", "id", "title", "document_id")
    definitions = _table("definitions", "id", "page_id", "document_id", "author_id", "status", "withdrawn_at")
    comments = _table("comments", "id", "page_id", "definition_id", "document_id", "author_id", "deleted_at",
                      "deleted_by_id")  # fmt: skip
    revisions = _table("revisions", "id", "document_id", "number", "author_id", "summary", "created_at")
    stances = _table("stances", "definition_id", "user_id", "kind", "created_at", "updated_at")
    flags = _table("flags", "comment_id", "definition_id", "user_id", "reason", "created_at")
    actions = _table("moderation_actions", "moderator_id", "action", "target_type", "target_id", "target_label",
                     "reason", "created_at")  # fmt: skip
    users = _table("users", "id", "username")

    page_titles = dict(connection.execute(sa.select(pages.c.id, pages.c.title)).all())
    definition_pages = dict(connection.execute(sa.select(definitions.c.id, definitions.c.page_id)).all())
    comment_pages = {
        row.id: row.page_id if row.page_id is not None else definition_pages.get(row.definition_id)
        for row in connection.execute(sa.select(comments.c.id, comments.c.page_id, comments.c.definition_id))
    }
    names = dict(connection.execute(sa.select(users.c.id, users.c.username)).all())
    rows: list[dict] = []

    def add(kind, user_id, at, page_id, target_type, target_id, summary="", **extra):
        rows.append({"kind": kind, "is_moderation": kind in MODERATION_KINDS, "user_id": user_id, "created_at": at,
                     "page_id": page_id, "target_type": target_type, "target_id": target_id,
                     "revision_id": extra.get("revision_id"), "summary": (summary or "")[:300],
                     "reason": (extra.get("reason") or "")[:500], "value": extra.get("value")})  # fmt: skip

    owners = [
        (pages, "page", ("page.created", "page.edited", "page.reverted"), lambda row: row.owner_id),
        (definitions, "definition", ("definition.proposed", "definition.edited", "definition.reverted"),
         lambda row: definition_pages.get(row.owner_id)),
        (comments, "comment", ("comment.posted", "comment.edited", "comment.edited"),
         lambda row: comment_pages.get(row.owner_id)),
    ]  # fmt: skip
    for owner, target_type, (created, edited, reverted), page_of in owners:
        query = sa.select(revisions, owner.c.id.label("owner_id")).join(
            owner, owner.c.document_id == revisions.c.document_id
        )
        for row in connection.execute(query):
            kind = created if row.number == 1 else reverted if row.summary.startswith("Reverted to") else edited
            add(kind, row.author_id, row.created_at, page_of(row), target_type, row.owner_id, row.summary,
                revision_id=row.id)  # fmt: skip

    for row in connection.execute(sa.select(stances)):
        page_id = definition_pages.get(row.definition_id)
        add("stance.taken", row.user_id, row.created_at, page_id, "definition", row.definition_id, f"{row.kind}s",
            value=row.kind)  # fmt: skip
        if row.updated_at and row.updated_at > row.created_at:
            add("stance.changed", row.user_id, row.updated_at, page_id, "definition", row.definition_id,
                f"{row.kind}s", value=row.kind)  # fmt: skip
    for row in connection.execute(sa.select(definitions).where(definitions.c.withdrawn_at.is_not(None))):
        add("definition.withdrawn", row.author_id, row.withdrawn_at, row.page_id, "definition", row.id,
            f"definition {row.id} of {page_titles.get(row.page_id, '')}")  # fmt: skip
    for row in connection.execute(sa.select(comments).where(comments.c.deleted_at.is_not(None))):
        add("comment.deleted", row.deleted_by_id, row.deleted_at, comment_pages.get(row.id), "comment", row.id,
            f"comment {row.id} by {names.get(row.author_id, '')}")  # fmt: skip
    for row in connection.execute(sa.select(flags)):
        target_type = "comment" if row.comment_id is not None else "definition"
        target_id = row.comment_id if row.comment_id is not None else row.definition_id
        page_id = comment_pages.get(target_id) if target_type == "comment" else definition_pages.get(target_id)
        add("flag.raised", row.user_id, row.created_at, page_id, target_type, target_id, f"{target_type} {target_id}",
            reason=row.reason)  # fmt: skip

    revision_pages = _revision_pages(connection, revisions, pages, definitions, comments, definition_pages,
                                     comment_pages)  # fmt: skip
    logged = connection.execute(sa.select(actions)) if sa.inspect(connection).has_table("moderation_actions") else []
    for row in logged:
        kind, value = _moderation_kind(row.action, row.target_type)
        page_id = {
            "page": lambda target: target,
            "definition": definition_pages.get,
            "comment": comment_pages.get,
            "revision": revision_pages.get,
        }.get(row.target_type, lambda target: None)(row.target_id)
        target_type = "user" if row.target_type == "user" else row.target_type
        add(kind, row.moderator_id, row.created_at, page_id, target_type, row.target_id, row.target_label,
            reason=row.reason, value=value, revision_id=row.target_id if row.target_type == "revision" else None)  # fmt: skip
    rows.sort(key=lambda row: row["created_at"])
    return rows


def _revision_pages(connection, revisions, pages, definitions, comments, definition_pages, comment_pages) -> dict:
    """The page each revision belongs to, for the revisions a moderator hid."""
    found = {}
    for owner, page_of in ((pages, lambda owner_id: owner_id), (definitions, definition_pages.get),
                           (comments, comment_pages.get)):  # fmt: skip
        query = sa.select(revisions.c.id, owner.c.id.label("owner_id")).join(
            owner, owner.c.document_id == revisions.c.document_id
        )
        for row in connection.execute(query):
            found[row.id] = page_of(row.owner_id)
    return found


def _moderation_kind(action: str, target_type: str) -> tuple[str, str | None]:
    if action in ("lock", "unlock"):
        return f"{target_type}.{action}ed", None
    if match := re.fullmatch(r"suspend (\d+) days", action):
        return "member.suspended", match.group(1)
    if match := re.fullmatch(r"set role (\w+)", action):
        return "member.role", match.group(1)
    return {
        "close discussion": ("discussion.closed", None),
        "reopen discussion": ("discussion.reopened", None),
        "hide revision": ("revision.hidden", None),
        "unhide revision": ("revision.unhidden", None),
        "unsuspend": ("member.unsuspended", None),
        "flags dismissed": ("flags.dismissed", None),
        "flags removed": ("flags.upheld", None),
    }.get(action, (action[:40], None))


ACTION_WORDS = {
    "flags.dismissed": "flags dismissed", "flags.upheld": "flags removed", "page.locked": "lock",
    "page.unlocked": "unlock", "definition.locked": "lock", "definition.unlocked": "unlock",
    "discussion.closed": "close discussion", "discussion.reopened": "reopen discussion",
    "revision.hidden": "hide revision", "revision.unhidden": "unhide revision", "member.unsuspended": "unsuspend",
}  # fmt: skip


def downgrade():
    with op.batch_alter_table("pages", schema=None) as batch_op:
        batch_op.add_column(sa.Column("thread_version", sa.Integer(), server_default=sa.text("0"), nullable=False))
        batch_op.add_column(sa.Column("view_version", sa.Integer(), server_default=sa.text("0"), nullable=False))
    with op.batch_alter_table("definitions", schema=None) as batch_op:
        batch_op.add_column(sa.Column("thread_version", sa.Integer(), server_default=sa.text("0"), nullable=False))

    op.create_table(
        "moderation_actions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("moderator_id", sa.Integer(), nullable=False),
        sa.Column("action", sa.String(length=40), nullable=False),
        sa.Column("target_type", sa.String(length=20), nullable=False),
        sa.Column("target_id", sa.Integer(), nullable=False),
        sa.Column("target_label", sa.String(length=200), nullable=False),
        sa.Column("reason", sa.String(length=500), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["moderator_id"], ["users.id"], name=op.f("fk_moderation_actions_moderator_id_users")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_moderation_actions")),
    )
    connection = op.get_bind()
    kept = _table("changes", "kind", "user_id", "target_type", "target_id", "summary", "reason", "value",
                  "created_at", "id")  # fmt: skip
    log = []
    query = sa.select(kept).where(kept.c.kind.in_(MODERATION_KINDS), kept.c.user_id.is_not(None)).order_by(kept.c.id)
    for row in connection.execute(query):
        if row.kind == "member.suspended":
            action = f"suspend {row.value} days"
        elif row.kind == "member.role":
            action = f"set role {row.value}"
        else:
            action = ACTION_WORDS[row.kind]
        log.append({"moderator_id": row.user_id, "action": action, "target_type": row.target_type,
                    "target_id": row.target_id, "target_label": row.summary[:200], "reason": row.reason,
                    "created_at": row.created_at})  # fmt: skip
    moderation_actions = _table("moderation_actions", "moderator_id", "action", "target_type", "target_id",
                                "target_label", "reason", "created_at")  # fmt: skip
    op.bulk_insert(moderation_actions, log)
    with op.batch_alter_table("moderation_actions", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_moderation_actions_moderator_id"), ["moderator_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_moderation_actions_created_at"), ["created_at"], unique=False)

    with op.batch_alter_table("changes", schema=None) as batch_op:
        batch_op.drop_index("ix_changes_user_id_id")
        batch_op.drop_index("ix_changes_target_type_id")
        batch_op.drop_index("ix_changes_page_id_id")
        batch_op.drop_index("ix_changes_is_moderation_id")
    op.drop_table("changes")
