"""scored checklists, event root-cause analysis, PDCA improvement projects

Existing inspections keep everything: their findings stay findings, and the score someone typed
becomes `typed_score` (the column is renamed, its values kept). From now on a score is computed from
a checklist's items and cannot be typed, so an old inspection has no computed score; the reports and
the package show its typed score marked as typed ("手填"). Existing events keep their free-text
analysis; the structured RCA (factors, 5 whys, lessons) is added beside it, and harm level is empty
until someone sets it.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-06
"""

import sqlalchemy as sa
from alembic import op

import qmsdesk.db.types

revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('checklist_templates',
    sa.Column('code', sa.String(length=32), nullable=False),
    sa.Column('version', sa.String(length=32), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('category', sa.String(length=64), nullable=False),
    sa.Column('department_types', sa.JSON(), nullable=False),
    sa.Column('sources', sa.JSON(), nullable=False),
    sa.Column('origin', sa.String(length=16), nullable=False),
    sa.Column('based_on_id', sa.Uuid(), nullable=True),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', qmsdesk.db.types.UTCDateTime(), nullable=False),
    sa.Column('updated_at', qmsdesk.db.types.UTCDateTime(), nullable=False),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['based_on_id'], ['checklist_templates.id'], name=op.f('fk_checklist_templates_based_on_id_checklist_templates')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_checklist_templates')),
    sa.UniqueConstraint('code', 'version', name=op.f('uq_checklist_templates_code'))
    )
    with op.batch_alter_table('checklist_templates', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_checklist_templates_code'), ['code'], unique=False)
        batch_op.create_index(batch_op.f('ix_checklist_templates_deleted'), ['deleted'], unique=False)

    op.create_table('checklist_items',
    sa.Column('template_id', sa.Uuid(), nullable=False),
    sa.Column('section', sa.String(length=200), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=32), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('standard', sa.Float(), nullable=False),
    sa.Column('method', sa.String(length=16), nullable=False),
    sa.Column('sample_size', sa.Integer(), nullable=True),
    sa.Column('deduct_per', sa.Float(), nullable=True),
    sa.Column('cap', sa.Float(), nullable=False),
    sa.Column('rule', sa.Text(), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', qmsdesk.db.types.UTCDateTime(), nullable=False),
    sa.Column('updated_at', qmsdesk.db.types.UTCDateTime(), nullable=False),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['template_id'], ['checklist_templates.id'], name=op.f('fk_checklist_items_template_id_checklist_templates')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_checklist_items')),
    sa.UniqueConstraint('template_id', 'code', name=op.f('uq_checklist_items_template_id'))
    )
    with op.batch_alter_table('checklist_items', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_checklist_items_deleted'), ['deleted'], unique=False)
        batch_op.create_index(batch_op.f('ix_checklist_items_template_id'), ['template_id'], unique=False)

    op.create_table('pdca_projects',
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('stage', sa.String(length=16), nullable=False),
    sa.Column('started_on', sa.Date(), nullable=False),
    sa.Column('leader_id', sa.Uuid(), nullable=True),
    sa.Column('team', sa.Text(), nullable=True),
    sa.Column('baseline_start', sa.String(length=7), nullable=True),
    sa.Column('baseline_end', sa.String(length=7), nullable=True),
    sa.Column('change_period', sa.String(length=7), nullable=True),
    sa.Column('current_state', sa.Text(), nullable=True),
    sa.Column('analysis_source', sa.JSON(), nullable=False),
    sa.Column('check_summary', sa.Text(), nullable=True),
    sa.Column('standardization', sa.Text(), nullable=True),
    sa.Column('next_cycle', sa.Text(), nullable=True),
    sa.Column('closed_on', sa.Date(), nullable=True),
    sa.Column('previous_id', sa.Uuid(), nullable=True),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', qmsdesk.db.types.UTCDateTime(), nullable=False),
    sa.Column('updated_at', qmsdesk.db.types.UTCDateTime(), nullable=False),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['leader_id'], ['staff.id'], name=op.f('fk_pdca_projects_leader_id_staff')),
    sa.ForeignKeyConstraint(['previous_id'], ['pdca_projects.id'], name=op.f('fk_pdca_projects_previous_id_pdca_projects')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_pdca_projects'))
    )
    with op.batch_alter_table('pdca_projects', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_pdca_projects_deleted'), ['deleted'], unique=False)
        batch_op.create_index(batch_op.f('ix_pdca_projects_started_on'), ['started_on'], unique=False)

    op.create_table('event_analyses',
    sa.Column('event_id', sa.Uuid(), nullable=False),
    sa.Column('analysed_on', sa.Date(), nullable=False),
    sa.Column('team', sa.Text(), nullable=True),
    sa.Column('whys', sa.JSON(), nullable=False),
    sa.Column('root_cause', sa.Text(), nullable=True),
    sa.Column('lessons', sa.Text(), nullable=True),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', qmsdesk.db.types.UTCDateTime(), nullable=False),
    sa.Column('updated_at', qmsdesk.db.types.UTCDateTime(), nullable=False),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['event_id'], ['adverse_events.id'], name=op.f('fk_event_analyses_event_id_adverse_events')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_event_analyses')),
    sa.UniqueConstraint('event_id', name=op.f('uq_event_analyses_event_id'))
    )
    with op.batch_alter_table('event_analyses', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_event_analyses_deleted'), ['deleted'], unique=False)
        batch_op.create_index(batch_op.f('ix_event_analyses_event_id'), ['event_id'], unique=False)

    op.create_table('inspection_items',
    sa.Column('inspection_id', sa.Uuid(), nullable=False),
    sa.Column('template_item_id', sa.Uuid(), nullable=False),
    sa.Column('deduction', sa.Float(), nullable=False),
    sa.Column('reason', sa.Text(), nullable=True),
    sa.Column('sample_size', sa.Integer(), nullable=True),
    sa.Column('failures', sa.Integer(), nullable=True),
    sa.Column('not_applicable', sa.Boolean(), nullable=False),
    sa.Column('attachment', sa.Text(), nullable=True),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', qmsdesk.db.types.UTCDateTime(), nullable=False),
    sa.Column('updated_at', qmsdesk.db.types.UTCDateTime(), nullable=False),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['inspection_id'], ['inspections.id'], name=op.f('fk_inspection_items_inspection_id_inspections')),
    sa.ForeignKeyConstraint(['template_item_id'], ['checklist_items.id'], name=op.f('fk_inspection_items_template_item_id_checklist_items')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_inspection_items')),
    sa.UniqueConstraint('inspection_id', 'template_item_id', name=op.f('uq_inspection_items_inspection_id'))
    )
    with op.batch_alter_table('inspection_items', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_inspection_items_deleted'), ['deleted'], unique=False)
        batch_op.create_index(batch_op.f('ix_inspection_items_inspection_id'), ['inspection_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_inspection_items_template_item_id'), ['template_item_id'], unique=False)

    op.create_table('pdca_causes',
    sa.Column('project_id', sa.Uuid(), nullable=False),
    sa.Column('category', sa.String(length=16), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('key_cause', sa.Boolean(), nullable=False),
    sa.Column('verification', sa.Text(), nullable=True),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', qmsdesk.db.types.UTCDateTime(), nullable=False),
    sa.Column('updated_at', qmsdesk.db.types.UTCDateTime(), nullable=False),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['project_id'], ['pdca_projects.id'], name=op.f('fk_pdca_causes_project_id_pdca_projects')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_pdca_causes'))
    )
    with op.batch_alter_table('pdca_causes', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_pdca_causes_deleted'), ['deleted'], unique=False)
        batch_op.create_index(batch_op.f('ix_pdca_causes_project_id'), ['project_id'], unique=False)

    op.create_table('pdca_indicators',
    sa.Column('project_id', sa.Uuid(), nullable=False),
    sa.Column('indicator_id', sa.Uuid(), nullable=False),
    sa.Column('target', sa.Float(), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', qmsdesk.db.types.UTCDateTime(), nullable=False),
    sa.Column('updated_at', qmsdesk.db.types.UTCDateTime(), nullable=False),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['indicator_id'], ['indicator_definitions.id'], name=op.f('fk_pdca_indicators_indicator_id_indicator_definitions')),
    sa.ForeignKeyConstraint(['project_id'], ['pdca_projects.id'], name=op.f('fk_pdca_indicators_project_id_pdca_projects')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_pdca_indicators')),
    sa.UniqueConstraint('project_id', 'indicator_id', name=op.f('uq_pdca_indicators_project_id'))
    )
    with op.batch_alter_table('pdca_indicators', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_pdca_indicators_deleted'), ['deleted'], unique=False)
        batch_op.create_index(batch_op.f('ix_pdca_indicators_project_id'), ['project_id'], unique=False)

    op.create_table('pdca_log',
    sa.Column('project_id', sa.Uuid(), nullable=False),
    sa.Column('date', sa.Date(), nullable=False),
    sa.Column('stage', sa.String(length=16), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('author', sa.String(length=100), nullable=True),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', qmsdesk.db.types.UTCDateTime(), nullable=False),
    sa.Column('updated_at', qmsdesk.db.types.UTCDateTime(), nullable=False),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['project_id'], ['pdca_projects.id'], name=op.f('fk_pdca_log_project_id_pdca_projects')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_pdca_log'))
    )
    with op.batch_alter_table('pdca_log', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_pdca_log_deleted'), ['deleted'], unique=False)
        batch_op.create_index(batch_op.f('ix_pdca_log_project_id'), ['project_id'], unique=False)

    op.create_table('event_factors',
    sa.Column('analysis_id', sa.Uuid(), nullable=False),
    sa.Column('category', sa.String(length=16), nullable=False),
    sa.Column('code', sa.String(length=32), nullable=False),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('primary', sa.Boolean(), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', qmsdesk.db.types.UTCDateTime(), nullable=False),
    sa.Column('updated_at', qmsdesk.db.types.UTCDateTime(), nullable=False),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['analysis_id'], ['event_analyses.id'], name=op.f('fk_event_factors_analysis_id_event_analyses')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_event_factors')),
    sa.UniqueConstraint('analysis_id', 'code', name=op.f('uq_event_factors_analysis_id'))
    )
    with op.batch_alter_table('event_factors', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_event_factors_analysis_id'), ['analysis_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_event_factors_code'), ['code'], unique=False)
        batch_op.create_index(batch_op.f('ix_event_factors_deleted'), ['deleted'], unique=False)

    op.create_table('pdca_countermeasures',
    sa.Column('project_id', sa.Uuid(), nullable=False),
    sa.Column('cause_id', sa.Uuid(), nullable=True),
    sa.Column('what', sa.Text(), nullable=False),
    sa.Column('why', sa.Text(), nullable=False),
    sa.Column('where', sa.String(length=200), nullable=False),
    sa.Column('how', sa.Text(), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', qmsdesk.db.types.UTCDateTime(), nullable=False),
    sa.Column('updated_at', qmsdesk.db.types.UTCDateTime(), nullable=False),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['cause_id'], ['pdca_causes.id'], name=op.f('fk_pdca_countermeasures_cause_id_pdca_causes')),
    sa.ForeignKeyConstraint(['project_id'], ['pdca_projects.id'], name=op.f('fk_pdca_countermeasures_project_id_pdca_projects')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_pdca_countermeasures'))
    )
    with op.batch_alter_table('pdca_countermeasures', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_pdca_countermeasures_deleted'), ['deleted'], unique=False)
        batch_op.create_index(batch_op.f('ix_pdca_countermeasures_project_id'), ['project_id'], unique=False)

    with op.batch_alter_table('adverse_events', schema=None) as batch_op:
        batch_op.add_column(sa.Column('harm_level', sa.String(length=16), nullable=True))

    with op.batch_alter_table('inspections', schema=None) as batch_op:
        # Renamed, not dropped: a score typed before checklists existed stays readable.
        batch_op.alter_column('score', new_column_name='typed_score', existing_type=sa.Float(), existing_nullable=True)
        batch_op.add_column(sa.Column('template_id', sa.Uuid(), nullable=True))
        batch_op.create_index(batch_op.f('ix_inspections_template_id'), ['template_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_inspections_template_id_checklist_templates'), 'checklist_templates', ['template_id'], ['id'])

    with op.batch_alter_table('rectification_items', schema=None) as batch_op:
        batch_op.add_column(sa.Column('inspection_item_id', sa.Uuid(), nullable=True))
        batch_op.add_column(sa.Column('countermeasure_id', sa.Uuid(), nullable=True))
        batch_op.create_foreign_key(batch_op.f('fk_rectification_items_inspection_item_id_inspection_items'), 'inspection_items', ['inspection_item_id'], ['id'])
        batch_op.create_foreign_key(batch_op.f('fk_rectification_items_countermeasure_id_pdca_countermeasures'), 'pdca_countermeasures', ['countermeasure_id'], ['id'])



def downgrade() -> None:
    with op.batch_alter_table('rectification_items', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_rectification_items_countermeasure_id_pdca_countermeasures'), type_='foreignkey')
        batch_op.drop_constraint(batch_op.f('fk_rectification_items_inspection_item_id_inspection_items'), type_='foreignkey')
        batch_op.drop_column('countermeasure_id')
        batch_op.drop_column('inspection_item_id')

    with op.batch_alter_table('inspections', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_inspections_template_id_checklist_templates'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_inspections_template_id'))
        batch_op.drop_column('template_id')
        batch_op.alter_column('typed_score', new_column_name='score', existing_type=sa.Float(), existing_nullable=True)

    with op.batch_alter_table('adverse_events', schema=None) as batch_op:
        batch_op.drop_column('harm_level')

    with op.batch_alter_table('pdca_countermeasures', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_pdca_countermeasures_project_id'))
        batch_op.drop_index(batch_op.f('ix_pdca_countermeasures_deleted'))

    op.drop_table('pdca_countermeasures')
    with op.batch_alter_table('event_factors', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_event_factors_deleted'))
        batch_op.drop_index(batch_op.f('ix_event_factors_code'))
        batch_op.drop_index(batch_op.f('ix_event_factors_analysis_id'))

    op.drop_table('event_factors')
    with op.batch_alter_table('pdca_log', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_pdca_log_project_id'))
        batch_op.drop_index(batch_op.f('ix_pdca_log_deleted'))

    op.drop_table('pdca_log')
    with op.batch_alter_table('pdca_indicators', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_pdca_indicators_project_id'))
        batch_op.drop_index(batch_op.f('ix_pdca_indicators_deleted'))

    op.drop_table('pdca_indicators')
    with op.batch_alter_table('pdca_causes', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_pdca_causes_project_id'))
        batch_op.drop_index(batch_op.f('ix_pdca_causes_deleted'))

    op.drop_table('pdca_causes')
    with op.batch_alter_table('inspection_items', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_inspection_items_template_item_id'))
        batch_op.drop_index(batch_op.f('ix_inspection_items_inspection_id'))
        batch_op.drop_index(batch_op.f('ix_inspection_items_deleted'))

    op.drop_table('inspection_items')
    with op.batch_alter_table('event_analyses', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_event_analyses_event_id'))
        batch_op.drop_index(batch_op.f('ix_event_analyses_deleted'))

    op.drop_table('event_analyses')
    with op.batch_alter_table('pdca_projects', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_pdca_projects_started_on'))
        batch_op.drop_index(batch_op.f('ix_pdca_projects_deleted'))

    op.drop_table('pdca_projects')
    with op.batch_alter_table('checklist_items', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_checklist_items_template_id'))
        batch_op.drop_index(batch_op.f('ix_checklist_items_deleted'))

    op.drop_table('checklist_items')
    with op.batch_alter_table('checklist_templates', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_checklist_templates_deleted'))
        batch_op.drop_index(batch_op.f('ix_checklist_templates_code'))

    op.drop_table('checklist_templates')
