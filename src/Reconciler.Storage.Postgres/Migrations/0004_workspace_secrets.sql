-- Generated per-workspace secrets, sealed with AES-256-GCM under the worker's secrets key (never plaintext: 'sealed'
-- is nonce || ciphertext || tag, bound to its row), and connection tokens kept only as their SHA-256. Same shape as
-- the SQLite migration 0004.
CREATE TABLE workspace_secrets (
    repository TEXT NOT NULL,
    workspace  TEXT NOT NULL,
    kind       TEXT NOT NULL,
    key_id     TEXT NOT NULL,
    sealed     BYTEA NOT NULL,
    created_at TEXT NOT NULL,
    PRIMARY KEY (repository, workspace, kind)
);

CREATE TABLE connection_tokens (
    token_hash TEXT NOT NULL PRIMARY KEY,
    repository TEXT NOT NULL,
    workspace  TEXT NOT NULL,
    created_at TEXT NOT NULL,
    UNIQUE (repository, workspace)
);
