"""Attribution cue class: whether an attribution reports speech, a belief, an intention, a
perception or a document's statement, so comparisons of who said what can keep to statements.

Nullable: rows analysed before this revision have none until their article is analysed again (the
pipeline derives it from the stored cue meanwhile).

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-01 10:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa

from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("attributions", schema=None) as batch_op:
        batch_op.add_column(sa.Column("cue_class", sa.String(length=16), nullable=True))


def downgrade() -> None:
    # Plain DROP COLUMN (SQLite >= 3.35), as 0004: a batch rebuild would trip over the
    # attributions_by_outlet view.
    op.drop_column("attributions", "cue_class")
