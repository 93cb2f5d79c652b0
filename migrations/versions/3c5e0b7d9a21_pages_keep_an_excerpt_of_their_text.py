"""Pages keep an excerpt of their text, worked out once as a revision is saved

Revision ID: 3c5e0b7d9a21
Revises: f1119aab776e

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "3c5e0b7d9a21"
down_revision = "f1119aab776e"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("pages", schema=None) as batch_op:
        batch_op.add_column(sa.Column("excerpt", sa.String(length=221), nullable=False, server_default=""))
    from wiki.rendering import excerpt  # the function saves use; importing it here keeps one way to make excerpts

    connection = op.get_bind()
    pages = sa.table("pages", sa.column("id"), sa.column("document_id"), sa.column("excerpt"))
    documents = sa.table("documents", sa.column("id"), sa.column("head_number"))
    revisions = sa.table("revisions", sa.column("document_id"), sa.column("number"), sa.column("html"))
    heads = (
        sa.select(pages.c.id, revisions.c.html)
        .join(documents, documents.c.id == pages.c.document_id)
        .join(revisions, sa.and_(revisions.c.document_id == documents.c.id,
                                 revisions.c.number == documents.c.head_number))
    )  # fmt: skip
    for row in connection.execute(heads).all():
        connection.execute(sa.update(pages).where(pages.c.id == row.id).values(excerpt=excerpt(row.html)))


def downgrade():
    with op.batch_alter_table("pages", schema=None) as batch_op:
        batch_op.drop_column("excerpt")
