"""Attribution cue offsets: where the reporting verb sits, for highlighting and span scoring.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-24 05:25:29.157086
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa

from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("attributions", schema=None) as batch_op:
        batch_op.add_column(sa.Column("cue_start", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("cue_end", sa.Integer(), nullable=True))


def downgrade() -> None:
    # Plain DROP COLUMN (SQLite >= 3.35): a batch rebuild of the table would trip over the
    # attributions_by_outlet view, which SQLite re-checks when the rebuilt table is renamed.
    op.drop_column("attributions", "cue_end")
    op.drop_column("attributions", "cue_start")
