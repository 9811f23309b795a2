"""units: the unit's time zone, so days and months follow the ward, not the machine's clock

Revision ID: 0003
Revises: 0006
Create Date: 2026-12-06
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Every unit so far ran on China time (the office's timeliness already assumed it).
    with op.batch_alter_table("units", schema=None) as batch_op:
        batch_op.add_column(sa.Column("time_zone", sa.String(length=64), nullable=False,
                                      server_default="Asia/Shanghai"))


def downgrade() -> None:
    with op.batch_alter_table("units", schema=None) as batch_op:
        batch_op.drop_column("time_zone")
