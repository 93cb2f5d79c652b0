"""Members' profiles (about text, the role they hold) and the indexes recent changes and profiles read

Revision ID: b7e1a2c94d10
Revises: 3c5e0b7d9a21

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "b7e1a2c94d10"
down_revision = "3c5e0b7d9a21"
branch_labels = None
depends_on = None

INDEXES = [
    ("ix_changes_created_at_id", ["created_at", "id"]),
    ("ix_changes_kind_created_at_id", ["kind", "created_at", "id"]),
    ("ix_changes_user_id_created_at_id", ["user_id", "created_at", "id"]),
    ("ix_changes_page_id_created_at_id", ["page_id", "created_at", "id"]),
    ("ix_changes_user_id_kind", ["user_id", "kind"]),
]


def upgrade():
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.add_column(sa.Column("about", sa.Text(), nullable=False, server_default=""))
        batch_op.add_column(sa.Column("about_html", sa.Text(), nullable=False, server_default=""))
        batch_op.add_column(sa.Column("role_held", sa.String(length=100), nullable=False, server_default=""))
    with op.batch_alter_table("changes", schema=None) as batch_op:
        for name, columns in INDEXES:
            batch_op.create_index(name, columns, unique=False)


def downgrade():
    with op.batch_alter_table("changes", schema=None) as batch_op:
        for name, _ in reversed(INDEXES):
            batch_op.drop_index(name)
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.drop_column("role_held")
        batch_op.drop_column("about_html")
        batch_op.drop_column("about")
