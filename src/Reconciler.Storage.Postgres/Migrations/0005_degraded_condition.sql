-- Condition type Degraded (the workspace runs, an optional integration around it failed). PostgreSQL changes the
-- CHECK constraint in place; SQLite's migration 0005 has to rebuild the table.
ALTER TABLE workspace_conditions DROP CONSTRAINT workspace_conditions_type;
ALTER TABLE workspace_conditions ADD CONSTRAINT workspace_conditions_type
    CHECK (type IN ('Ready', 'Reconciling', 'Stalled', 'PolicyViolated', 'Failed', 'Degraded'));
