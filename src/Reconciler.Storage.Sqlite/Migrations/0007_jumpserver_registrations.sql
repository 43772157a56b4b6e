-- The Jumpserver assets the worker registered (access.jumpserver), so that a restarted worker neither registers an
-- unchanged workspace again nor forgets to deregister one removed while it was down. One row per registered
-- workspace; deregistering it deletes the row. fingerprint is what it was registered with (address, owner, ports).
CREATE TABLE jumpserver_registrations (
    repository    TEXT NOT NULL,
    workspace     TEXT NOT NULL,
    asset_id      TEXT NOT NULL,
    fingerprint   TEXT NOT NULL,
    registered_at TEXT NOT NULL,
    PRIMARY KEY (repository, workspace)
) STRICT;
