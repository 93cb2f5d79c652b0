"""Pages remember when their text was last saved

Revision ID: 02a21238b9f5
Revises: cd0971001d81

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "02a21238b9f5"
down_revision = "cd0971001d81"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("pages", schema=None) as batch_op:
        batch_op.add_column(sa.Column("updated_at", sa.DateTime(), nullable=True))
    # A page's text was last saved when its document last changed.
    op.execute(
        "UPDATE pages SET updated_at = "
        "(SELECT documents.updated_at FROM documents WHERE documents.id = pages.document_id)"
    )
    with op.batch_alter_table("pages", schema=None) as batch_op:
        batch_op.alter_column("updated_at", existing_type=sa.DateTime(), nullable=False)
        batch_op.create_index(batch_op.f("ix_pages_updated_at"), ["updated_at"], unique=False)


def downgrade():
    with op.batch_alter_table("pages", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_pages_updated_at"))
        batch_op.drop_column("updated_at")
