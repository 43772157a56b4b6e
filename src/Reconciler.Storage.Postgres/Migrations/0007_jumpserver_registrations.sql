-- The Jumpserver assets the worker registered (access.jumpserver), one row per registered workspace.
CREATE TABLE jumpserver_registrations (
    repository    TEXT NOT NULL,
    workspace     TEXT NOT NULL,
    asset_id      TEXT NOT NULL,
    fingerprint   TEXT NOT NULL,
    registered_at TEXT NOT NULL,
    PRIMARY KEY (repository, workspace)
);
