-- Condition type Degraded: the workspace runs, but an optional integration around it failed (Jumpserver registration).
-- SQLite cannot change a CHECK constraint in place: the table is rebuilt with the same columns and rows.
CREATE TABLE workspace_conditions_v5 (
    repository           TEXT NOT NULL,
    workspace            TEXT NOT NULL,
    type                 TEXT NOT NULL CHECK (type IN ('Ready', 'Reconciling', 'Stalled', 'PolicyViolated', 'Failed', 'Degraded')),
    status               INTEGER NOT NULL CHECK (status IN (0, 1)),
    reason               TEXT NOT NULL,
    message              TEXT NOT NULL,
    observed_commit      TEXT,
    last_transition_time TEXT NOT NULL,
    PRIMARY KEY (repository, workspace, type),
    FOREIGN KEY (repository, workspace) REFERENCES workspaces (repository, workspace) ON DELETE CASCADE
) STRICT;

INSERT INTO workspace_conditions_v5 (repository, workspace, type, status, reason, message, observed_commit, last_transition_time)
SELECT repository, workspace, type, status, reason, message, observed_commit, last_transition_time FROM workspace_conditions;

DROP TABLE workspace_conditions;

ALTER TABLE workspace_conditions_v5 RENAME TO workspace_conditions;
