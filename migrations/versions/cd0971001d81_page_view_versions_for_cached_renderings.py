"""Page view versions for cached renderings

Revision ID: cd0971001d81
Revises: ce10d3a5cfed

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'cd0971001d81'
down_revision = 'ce10d3a5cfed'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('pages', schema=None) as batch_op:
        batch_op.add_column(sa.Column('view_version', sa.Integer(), nullable=False, server_default='0'))



def downgrade():
    with op.batch_alter_table('pages', schema=None) as batch_op:
        batch_op.drop_column('view_version')

