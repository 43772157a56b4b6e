-- Lifecycle inputs that are not in git (docs/lifecycle.md): wake/stop/start requests, the last activity, when an
-- ephemeral workspace's ttl deleted it, and the last power decision per workspace for the status API.

CREATE TABLE power_overrides (
    id           INTEGER PRIMARY KEY,
    repository   TEXT NOT NULL,
    workspace    TEXT NOT NULL,
    kind         TEXT NOT NULL CHECK (kind IN ('wake', 'stop', 'start')),
    until        TEXT,
    requested_by TEXT NOT NULL,
    requested_at TEXT NOT NULL
) STRICT;

CREATE INDEX power_overrides_by_workspace ON power_overrides (repository, workspace, requested_at);

CREATE TABLE power_records (
    repository       TEXT NOT NULL,
    workspace        TEXT NOT NULL,
    last_activity_at TEXT,
    expired_at       TEXT,
    PRIMARY KEY (repository, workspace)
) STRICT;

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
) STRICT;
