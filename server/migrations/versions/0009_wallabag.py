"""Wallabag-compatible API: API clients, their OAuth2 tokens (stored as digests), and a
starred (favourite) flag on pages

Revision ID: 0009
Revises: 0006
Create Date: 2026-12-04
"""
from alembic import op
import sqlalchemy as sa


revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('pages', schema=None) as batch_op:
        batch_op.add_column(sa.Column('starred_at', sa.DateTime(timezone=True), nullable=True))
    op.create_index('ix_pages_user_starred', 'pages', ['user_id', 'starred_at'])

    op.create_table(
        'api_clients',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('user_id', sa.Integer(), nullable=False),
        sa.Column('name', sa.String(length=100), nullable=False),
        sa.Column('client_id', sa.String(length=64), nullable=False),
        sa.Column('secret_digest', sa.String(length=64), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_api_clients_user_id_users'),
                                ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_api_clients')),
        sa.UniqueConstraint('client_id', name=op.f('uq_api_clients_client_id')),
    )
    op.create_index(op.f('ix_api_clients_user_id'), 'api_clients', ['user_id'])

    op.create_table(
        'oauth_tokens',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('client_id', sa.Integer(), nullable=False),
        sa.Column('user_id', sa.Integer(), nullable=False),
        sa.Column('access_digest', sa.String(length=64), nullable=False),
        sa.Column('refresh_digest', sa.String(length=64), nullable=False),
        sa.Column('access_expires_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('refresh_expires_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['client_id'], ['api_clients.id'], name=op.f('fk_oauth_tokens_client_id_api_clients'),
                                ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_oauth_tokens_user_id_users'),
                                ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_oauth_tokens')),
        sa.UniqueConstraint('access_digest', name=op.f('uq_oauth_tokens_access_digest')),
        sa.UniqueConstraint('refresh_digest', name=op.f('uq_oauth_tokens_refresh_digest')),
    )
    op.create_index(op.f('ix_oauth_tokens_client_id'), 'oauth_tokens', ['client_id'])
    op.create_index(op.f('ix_oauth_tokens_user_id'), 'oauth_tokens', ['user_id'])


def downgrade() -> None:
    op.drop_index(op.f('ix_oauth_tokens_user_id'), table_name='oauth_tokens')
    op.drop_index(op.f('ix_oauth_tokens_client_id'), table_name='oauth_tokens')
    op.drop_table('oauth_tokens')
    op.drop_index(op.f('ix_api_clients_user_id'), table_name='api_clients')
    op.drop_table('api_clients')
    op.drop_index('ix_pages_user_starred', table_name='pages')
    with op.batch_alter_table('pages', schema=None) as batch_op:
        batch_op.drop_column('starred_at')
