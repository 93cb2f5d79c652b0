"""Mail: members' addresses (unique without regard to case, confirmed or not) and what they are mailed, the outbox
(a row per mail, claimed for a lease while it is sent, kept with its attempts and last error), and when each
notification was mailed

Revision ID: 6b3d9e1f4a52
Revises: 9a4f0c2d7e15

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "6b3d9e1f4a52"
down_revision = "9a4f0c2d7e15"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.add_column(sa.Column("email", sa.String(length=254), nullable=True))
        batch_op.add_column(sa.Column("email_key", sa.String(length=254), nullable=True))
        batch_op.add_column(sa.Column("email_confirmed_at", sa.DateTime(), nullable=True))
        batch_op.add_column(
            sa.Column(
                "email_notifications",
                sa.Enum("never", "each", "daily", name="email_notifications", native_enum=False, create_constraint=True, length=16),
                nullable=False,
                server_default="each",
            )
        )
        batch_op.create_unique_constraint(batch_op.f("uq_users_email_key"), ["email_key"])
    with op.batch_alter_table("notifications", schema=None) as batch_op:
        batch_op.add_column(sa.Column("mailed_at", sa.DateTime(), nullable=True))
        batch_op.create_index("ix_notifications_user_id_mailed_at_id", ["user_id", "mailed_at", "id"], unique=False)
    op.create_table(
        "outbox",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.Enum("confirmation", "notification", "digest", name="outbox_kind", native_enum=False, create_constraint=True, length=16), nullable=False),
        sa.Column("change_id", sa.Integer(), nullable=True),
        sa.Column("address", sa.String(length=254), nullable=True),
        sa.Column("subject", sa.String(length=200), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("status", sa.Enum("pending", "sent", "dropped", name="outbox_status", native_enum=False, create_constraint=True, length=16), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("next_attempt_at", sa.DateTime(), nullable=False),
        sa.Column("last_error", sa.String(length=500), nullable=False),
        sa.Column("claimed_by", sa.String(length=32), nullable=True),
        sa.Column("claimed_until", sa.DateTime(), nullable=True),
        sa.Column("sent_at", sa.DateTime(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["change_id"], ["changes.id"], name=op.f("fk_outbox_change_id_changes")),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name=op.f("fk_outbox_user_id_users")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_outbox")),
        sa.UniqueConstraint("user_id", "change_id", name=op.f("uq_outbox_user_id_change_id")),
    )
    with op.batch_alter_table("outbox", schema=None) as batch_op:
        batch_op.create_index("ix_outbox_status_next_attempt_at_id", ["status", "next_attempt_at", "id"], unique=False)


def downgrade():
    with op.batch_alter_table("outbox", schema=None) as batch_op:
        batch_op.drop_index("ix_outbox_status_next_attempt_at_id")
    op.drop_table("outbox")
    with op.batch_alter_table("notifications", schema=None) as batch_op:
        batch_op.drop_index("ix_notifications_user_id_mailed_at_id")
        batch_op.drop_column("mailed_at")
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("uq_users_email_key"), type_="unique")
        batch_op.drop_constraint(batch_op.f("ck_users_email_notifications"), type_="check")
        batch_op.drop_column("email_notifications")
        batch_op.drop_column("email_confirmed_at")
        batch_op.drop_column("email_key")
        batch_op.drop_column("email")
