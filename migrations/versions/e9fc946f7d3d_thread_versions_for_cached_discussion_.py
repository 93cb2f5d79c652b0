"""Thread versions for cached discussion renderings

Revision ID: e9fc946f7d3d
Revises: 0ef041e90556

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'e9fc946f7d3d'
down_revision = '0ef041e90556'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('definitions', schema=None) as batch_op:
        batch_op.add_column(sa.Column('thread_version', sa.Integer(), nullable=False, server_default='0'))

    with op.batch_alter_table('pages', schema=None) as batch_op:
        batch_op.add_column(sa.Column('thread_version', sa.Integer(), nullable=False, server_default='0'))



def downgrade():
    with op.batch_alter_table('pages', schema=None) as batch_op:
        batch_op.drop_column('thread_version')

    with op.batch_alter_table('definitions', schema=None) as batch_op:
        batch_op.drop_column('thread_version')

