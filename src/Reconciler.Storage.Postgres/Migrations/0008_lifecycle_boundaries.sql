-- Lifecycle boundaries (docs/lifecycle.md, "Scheduling"): the next transition instant of each scheduled workspace, one
-- row per (repository, workspace, instant), read by the shared window triggers. at_ticks: UTC ticks (100 ns since
-- 0001-01-01), as in the SQLite migration 0008.
CREATE TABLE lifecycle_boundaries (
    repository TEXT   NOT NULL,
    workspace  TEXT   NOT NULL,
    at_ticks   BIGINT NOT NULL,
    PRIMARY KEY (repository, workspace, at_ticks)
);

CREATE INDEX lifecycle_boundaries_by_instant ON lifecycle_boundaries (at_ticks);
