"""Documents remember when they last changed

Revision ID: ce10d3a5cfed
Revises: e9fc946f7d3d

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "ce10d3a5cfed"
down_revision = "e9fc946f7d3d"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("documents", schema=None) as batch_op:
        batch_op.add_column(sa.Column("updated_at", sa.DateTime(), nullable=True))
    # A document last changed when its newest revision was saved (or, with none, when it was made).
    op.execute(
        """
        UPDATE documents SET updated_at = COALESCE(
            (SELECT revisions.created_at FROM revisions
             WHERE revisions.document_id = documents.id AND revisions.number = documents.head_number),
            documents.created_at)
        """
    )
    with op.batch_alter_table("documents", schema=None) as batch_op:
        batch_op.alter_column("updated_at", existing_type=sa.DateTime(), nullable=False)
        batch_op.create_index(batch_op.f("ix_documents_updated_at"), ["updated_at"], unique=False)


def downgrade():
    with op.batch_alter_table("documents", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_documents_updated_at"))
        batch_op.drop_column("updated_at")
