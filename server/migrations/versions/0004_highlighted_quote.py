"""Highlights keep the quote as the user highlighted it, beside the quote of the current text

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-04
"""
from alembic import op

revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # NULL: the quote has not changed since it was highlighted.
    op.execute("ALTER TABLE highlights ADD COLUMN highlighted TEXT")


def downgrade() -> None:
    op.execute("ALTER TABLE highlights DROP COLUMN highlighted")
