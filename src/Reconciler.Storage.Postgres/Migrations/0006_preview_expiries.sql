-- When each pull-request preview scope expires, so that a restarted worker still removes an expired preview.
CREATE TABLE preview_expiries (
    repository TEXT    NOT NULL,
    number     INTEGER NOT NULL,
    expires_at TEXT    NOT NULL,
    PRIMARY KEY (repository, number)
);
