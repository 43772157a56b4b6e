-- Lifecycle boundaries (docs/lifecycle.md, "Scheduling"): the next transition instant of each scheduled workspace,
-- one row per (repository, workspace, instant), written diff-only by the boundary scheduler. Quartz keeps one trigger
-- per time window shared across repositories (QRTZ_ tables, migration 0003); when it fires, its job reads the rows of
-- its window here (by instant) and enqueues each repository at its instant. at_ticks: UTC ticks (100 ns since 0001-01-01).
CREATE TABLE lifecycle_boundaries (
    repository TEXT    NOT NULL,
    workspace  TEXT    NOT NULL,
    at_ticks   INTEGER NOT NULL,
    PRIMARY KEY (repository, workspace, at_ticks)
) STRICT, WITHOUT ROWID;

CREATE INDEX lifecycle_boundaries_by_instant ON lifecycle_boundaries (at_ticks);
