-- Reconciler state on PostgreSQL: the same tables and columns as the SQLite migration 0001. Times are the same
-- fixed-width UTC text (yyyy-MM-ddTHH:mm:ss.fffffffZ, sorts as it reads) so both stores share one value format;
-- condition status is 0/1 as in SQLite. The audit log is append-only, enforced by triggers.
CREATE TABLE repositories (
    repository          TEXT NOT NULL PRIMARY KEY,
    url                 TEXT NOT NULL,
    last_seen_commit    TEXT,
    last_seen_at        TEXT,
    last_applied_commit TEXT,
    last_applied_at     TEXT,
    last_error          TEXT,
    updated_at          TEXT NOT NULL
);

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
);

CREATE INDEX workspaces_by_team ON workspaces (team, repository, workspace);

CREATE TABLE workspace_conditions (
    repository           TEXT NOT NULL,
    workspace            TEXT NOT NULL,
    type                 TEXT NOT NULL CONSTRAINT workspace_conditions_type CHECK (type IN ('Ready', 'Reconciling', 'Stalled', 'PolicyViolated', 'Failed')),
    status               BIGINT NOT NULL CHECK (status IN (0, 1)),
    reason               TEXT NOT NULL,
    message              TEXT NOT NULL,
    observed_commit      TEXT,
    last_transition_time TEXT NOT NULL,
    PRIMARY KEY (repository, workspace, type),
    FOREIGN KEY (repository, workspace) REFERENCES workspaces (repository, workspace) ON DELETE CASCADE
);

CREATE TABLE events (
    id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    time       TEXT NOT NULL,
    repository TEXT NOT NULL,
    workspace  TEXT,
    commit_sha TEXT,
    actor      TEXT NOT NULL,
    action     TEXT NOT NULL,
    result     TEXT NOT NULL,
    message    TEXT
);

CREATE INDEX events_by_time ON events (time);
CREATE INDEX events_by_repository ON events (repository, id);

CREATE FUNCTION events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'events are append-only';
END;
$$;

CREATE TRIGGER events_no_update BEFORE UPDATE ON events FOR EACH ROW EXECUTE FUNCTION events_append_only();
CREATE TRIGGER events_no_delete BEFORE DELETE ON events FOR EACH ROW EXECUTE FUNCTION events_append_only();
CREATE TRIGGER events_no_truncate BEFORE TRUNCATE ON events FOR EACH STATEMENT EXECUTE FUNCTION events_append_only();
