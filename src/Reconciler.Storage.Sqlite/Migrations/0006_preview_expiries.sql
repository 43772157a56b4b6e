-- When each pull-request preview scope expires (the latest push plus the shortest ttl of its workspaces), so that a
-- restarted worker still removes an expired preview. One row per live preview; removing the preview deletes it.
CREATE TABLE preview_expiries (
    repository TEXT    NOT NULL,
    number     INTEGER NOT NULL,
    expires_at TEXT    NOT NULL,
    PRIMARY KEY (repository, number)
) STRICT;
