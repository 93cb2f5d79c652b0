"""Moderators can close a page's discussion

Revision ID: 8105aa86909e
Revises: 02a21238b9f5

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "8105aa86909e"
down_revision = "02a21238b9f5"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("pages", schema=None) as batch_op:
        batch_op.add_column(sa.Column("discussion_closed", sa.Boolean(), nullable=False, server_default=sa.false()))


def downgrade():
    with op.batch_alter_table("pages", schema=None) as batch_op:
        batch_op.drop_column("discussion_closed")
