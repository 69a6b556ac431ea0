"""grouping state: what the stored events were grouped from

One row (`name` "events") holding a fingerprint of every input of event grouping, written by each
regrouping. A crawl pass, import or scheduled job that stored nothing new compares it with the
stored articles and skips regrouping them all (40 s at 100,000 articles). A database upgraded to
this revision has no row yet, so its next pass regroups once.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-30 00:10:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa

from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "grouping_state",
        sa.Column("name", sa.String(length=64), nullable=False),
        sa.Column("fingerprint", sa.String(length=64), nullable=False),
        sa.Column("articles", sa.Integer(), nullable=False),
        sa.Column("grouped_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_grouping_state")),
    )


def downgrade() -> None:
    op.drop_table("grouping_state")
