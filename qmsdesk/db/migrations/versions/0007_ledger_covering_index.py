"""the ledger's dates and status in one index: the month's ledger figures count from it, not from the items' rows

Revision ID: 0007
Revises: 0004
Create Date: 2026-12-06

`status` and the dashboard count a month's items (raised, closed, open, overdue) and list the longest
overdue from these columns only; with 100,000 items the table itself is ~100 MB of problem texts, the
index a few MB.
"""

from alembic import op

revision = '0007'
down_revision = '0004'
branch_labels = None
depends_on = None

COLUMNS = ['deleted', 'deadline', 'found_on', 'status', 'closed_on', 'verified_on']


def upgrade() -> None:
    with op.batch_alter_table('rectification_items', schema=None) as batch_op:
        batch_op.create_index('ix_rectification_items_ledger', COLUMNS, unique=False)


def downgrade() -> None:
    with op.batch_alter_table('rectification_items', schema=None) as batch_op:
        batch_op.drop_index('ix_rectification_items_ledger')
