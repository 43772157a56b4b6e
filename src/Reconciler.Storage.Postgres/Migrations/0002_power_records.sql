-- Lifecycle inputs and decisions (docs/lifecycle.md): wake/stop/start overrides, last activity and TTL expiry, and the
-- power status of each workspace as last decided. Same shape as the SQLite migration 0002.
CREATE TABLE power_overrides (
    id           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    repository   TEXT NOT NULL,
    workspace    TEXT NOT NULL,
    kind         TEXT NOT NULL CHECK (kind IN ('wake', 'stop', 'start')),
    until        TEXT,
    requested_by TEXT NOT NULL,
    requested_at TEXT NOT NULL
);

CREATE INDEX power_overrides_by_workspace ON power_overrides (repository, workspace, requested_at);

CREATE TABLE power_records (
    repository       TEXT NOT NULL,
    workspace        TEXT NOT NULL,
    last_activity_at TEXT,
    expired_at       TEXT,
    PRIMARY KEY (repository, workspace)
);

CREATE TABLE power_statuses (
    repository TEXT NOT NULL,
    workspace  TEXT NOT NULL,
    lifecycle  TEXT NOT NULL,
    state      TEXT NOT NULL,
    reason     TEXT NOT NULL,
    next_state TEXT,
    next_at    TEXT,
    time_zone  TEXT NOT NULL,
    decided_at TEXT NOT NULL,
    PRIMARY KEY (repository, workspace)
);
