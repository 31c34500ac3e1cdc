"""Daily review of highlights: a review card per highlight (FSRS state, favourite,
retired) made for the highlights already there, and the log of answers

Revision ID: 0008
Revises: 0006
Create Date: 2026-12-04
"""
from alembic import op
import sqlalchemy as sa


revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'highlight_reviews',
        sa.Column('highlight_id', sa.Integer(), nullable=False),
        sa.Column('user_id', sa.Integer(), nullable=False),
        sa.Column('state', sa.Integer(), nullable=False, server_default='0'),
        sa.Column('step', sa.Integer(), nullable=True),
        sa.Column('stability', sa.Float(), nullable=True),
        sa.Column('difficulty', sa.Float(), nullable=True),
        sa.Column('due', sa.DateTime(timezone=True), nullable=True),
        sa.Column('last_review', sa.DateTime(timezone=True), nullable=True),
        sa.Column('first_review', sa.DateTime(timezone=True), nullable=True),
        sa.Column('reviews', sa.Integer(), nullable=False, server_default='0'),
        sa.Column('favourite', sa.Boolean(), nullable=False, server_default=sa.false()),
        sa.Column('retired', sa.Boolean(), nullable=False, server_default=sa.false()),
        sa.ForeignKeyConstraint(['highlight_id'], ['highlights.id'], ondelete='CASCADE',
                                name=op.f('fk_highlight_reviews_highlight_id_highlights')),
        sa.ForeignKeyConstraint(['user_id'], ['users.id'], ondelete='CASCADE',
                                name=op.f('fk_highlight_reviews_user_id_users')),
        sa.PrimaryKeyConstraint('highlight_id', name=op.f('pk_highlight_reviews')),
    )
    op.create_index('ix_highlight_reviews_user_queue', 'highlight_reviews',
                    ['user_id', 'retired', 'due', 'highlight_id'])
    op.create_index('ix_highlight_reviews_user_first', 'highlight_reviews', ['user_id', 'first_review'])
    # Every highlight already saved enters review as new.
    op.execute("INSERT INTO highlight_reviews (highlight_id, user_id, state, reviews, favourite, retired) "
               "SELECT id, user_id, 0, 0, false, false FROM highlights")

    op.create_table(
        'review_logs',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('user_id', sa.Integer(), nullable=False),
        sa.Column('highlight_id', sa.Integer(), nullable=False),
        sa.Column('rating', sa.Integer(), nullable=False),
        sa.Column('reviewed_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['highlight_id'], ['highlights.id'], ondelete='CASCADE',
                                name=op.f('fk_review_logs_highlight_id_highlights')),
        sa.ForeignKeyConstraint(['user_id'], ['users.id'], ondelete='CASCADE',
                                name=op.f('fk_review_logs_user_id_users')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_review_logs')),
    )
    op.create_index('ix_review_logs_user_at', 'review_logs', ['user_id', 'reviewed_at'])
    op.create_index(op.f('ix_review_logs_highlight_id'), 'review_logs', ['highlight_id'])


def downgrade() -> None:
    op.drop_table('review_logs')
    op.drop_table('highlight_reviews')
