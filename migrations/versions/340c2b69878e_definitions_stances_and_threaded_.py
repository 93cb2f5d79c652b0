"""Definitions, stances and threaded comments

Revision ID: 340c2b69878e
Revises: 73267bd631d3


"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '340c2b69878e'
down_revision = '73267bd631d3'
branch_labels = None
depends_on = None


def upgrade():
    
    op.create_table('definitions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('page_id', sa.Integer(), nullable=False),
    sa.Column('author_id', sa.Integer(), nullable=False),
    sa.Column('document_id', sa.Integer(), nullable=False),
    sa.Column('status', sa.Enum('active', 'withdrawn', name='definition_status', native_enum=False, create_constraint=True, length=16), nullable=False),
    sa.Column('withdrawn_at', sa.DateTime(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['author_id'], ['users.id'], name=op.f('fk_definitions_author_id_users')),
    sa.ForeignKeyConstraint(['document_id'], ['documents.id'], name=op.f('fk_definitions_document_id_documents')),
    sa.ForeignKeyConstraint(['page_id'], ['pages.id'], name=op.f('fk_definitions_page_id_pages')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_definitions')),
    sa.UniqueConstraint('document_id', name=op.f('uq_definitions_document_id'))
    )
    with op.batch_alter_table('definitions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_definitions_author_id'), ['author_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_definitions_page_id'), ['page_id'], unique=False)

    op.create_table('comments',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('page_id', sa.Integer(), nullable=True),
    sa.Column('definition_id', sa.Integer(), nullable=True),
    sa.Column('parent_id', sa.Integer(), nullable=True),
    sa.Column('author_id', sa.Integer(), nullable=False),
    sa.Column('document_id', sa.Integer(), nullable=False),
    sa.Column('stance', sa.Enum('endorse', 'dispute', name='comment_stance', native_enum=False, create_constraint=True, length=16), nullable=True),
    sa.Column('is_deleted', sa.Boolean(), nullable=False),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.Column('deleted_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint('(page_id IS NULL) <> (definition_id IS NULL)', name=op.f('ck_comments_one_discussion')),
    sa.ForeignKeyConstraint(['author_id'], ['users.id'], name=op.f('fk_comments_author_id_users')),
    sa.ForeignKeyConstraint(['definition_id'], ['definitions.id'], name=op.f('fk_comments_definition_id_definitions')),
    sa.ForeignKeyConstraint(['deleted_by_id'], ['users.id'], name=op.f('fk_comments_deleted_by_id_users')),
    sa.ForeignKeyConstraint(['document_id'], ['documents.id'], name=op.f('fk_comments_document_id_documents')),
    sa.ForeignKeyConstraint(['page_id'], ['pages.id'], name=op.f('fk_comments_page_id_pages')),
    sa.ForeignKeyConstraint(['parent_id'], ['comments.id'], name=op.f('fk_comments_parent_id_comments')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_comments')),
    sa.UniqueConstraint('document_id', name=op.f('uq_comments_document_id'))
    )
    with op.batch_alter_table('comments', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_comments_author_id'), ['author_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_comments_definition_id'), ['definition_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_comments_page_id'), ['page_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_comments_parent_id'), ['parent_id'], unique=False)

    op.create_table('stances',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('definition_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.Enum('endorse', 'dispute', name='stance_kind', native_enum=False, create_constraint=True, length=16), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['definition_id'], ['definitions.id'], name=op.f('fk_stances_definition_id_definitions')),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_stances_user_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_stances')),
    sa.UniqueConstraint('definition_id', 'user_id', name=op.f('uq_stances_definition_id_user_id'))
    )
    with op.batch_alter_table('stances', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_stances_user_id'), ['user_id'], unique=False)




def downgrade():
    
    with op.batch_alter_table('stances', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_stances_user_id'))

    op.drop_table('stances')
    with op.batch_alter_table('comments', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_comments_parent_id'))
        batch_op.drop_index(batch_op.f('ix_comments_page_id'))
        batch_op.drop_index(batch_op.f('ix_comments_definition_id'))
        batch_op.drop_index(batch_op.f('ix_comments_author_id'))

    op.drop_table('comments')
    with op.batch_alter_table('definitions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_definitions_page_id'))
        batch_op.drop_index(batch_op.f('ix_definitions_author_id'))

    op.drop_table('definitions')

