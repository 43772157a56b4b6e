-- Reconciler state, schema version 1. History and caches only: the runtime is the truth about what
-- runs, and no secret is ever stored. Times are UTC text 'yyyy-MM-ddTHH:mm:ss.fffffffZ'.

CREATE TABLE repositories (
    repository          TEXT NOT NULL PRIMARY KEY,
    url                 TEXT NOT NULL,
    last_seen_commit    TEXT,
    last_seen_at        TEXT,
    last_applied_commit TEXT,
    last_applied_at     TEXT,
    last_error          TEXT,
    updated_at          TEXT NOT NULL
) STRICT;

-- The last status each workspace reported. Host, container id and ports cache the last observation.
CREATE TABLE workspaces (
    repository   TEXT NOT NULL,
    workspace    TEXT NOT NULL,
    team         TEXT,
    owner        TEXT,
    runtime_host TEXT,
    container_id TEXT,
    ports        TEXT NOT NULL DEFAULT '[]',
    last_error   TEXT,
    updated_at   TEXT NOT NULL,
    PRIMARY KEY (repository, workspace)
) STRICT;

CREATE INDEX workspaces_by_team ON workspaces (team, repository, workspace);

-- At most one condition per type; last_transition_time changes only when status changes.
CREATE TABLE workspace_conditions (
    repository           TEXT NOT NULL,
    workspace            TEXT NOT NULL,
    type                 TEXT NOT NULL CHECK (type IN ('Ready', 'Reconciling', 'Stalled', 'PolicyViolated', 'Failed')),
    status               INTEGER NOT NULL CHECK (status IN (0, 1)),
    reason               TEXT NOT NULL,
    message              TEXT NOT NULL,
    observed_commit      TEXT,
    last_transition_time TEXT NOT NULL,
    PRIMARY KEY (repository, workspace, type),
    FOREIGN KEY (repository, workspace) REFERENCES workspaces (repository, workspace) ON DELETE CASCADE
) STRICT;

-- Append-only audit log. AUTOINCREMENT: ids are never reused, so "after id N" paging is stable.
CREATE TABLE events (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    time       TEXT NOT NULL,
    repository TEXT NOT NULL,
    workspace  TEXT,
    commit_sha TEXT,
    actor      TEXT NOT NULL,
    action     TEXT NOT NULL,
    result     TEXT NOT NULL,
    message    TEXT
) STRICT;

CREATE INDEX events_by_time ON events (time);
CREATE INDEX events_by_repository ON events (repository, id);

CREATE TRIGGER events_no_update BEFORE UPDATE ON events
BEGIN
    SELECT RAISE(ABORT, 'events are append-only');
END;

CREATE TRIGGER events_no_delete BEFORE DELETE ON events
BEGIN
    SELECT RAISE(ABORT, 'events are append-only');
END;
