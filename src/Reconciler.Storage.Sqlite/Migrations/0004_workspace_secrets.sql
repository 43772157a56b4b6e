-- Generated per-workspace secrets (Jupyter tokens), sealed with AES-256-GCM under the worker's secrets key.
-- Never plaintext: 'sealed' is nonce (12 bytes) || ciphertext || tag (16 bytes); the associated data binds it to
-- its row (repository, workspace, kind). 'key_id' names the key that sealed it: a row sealed under another key
-- cannot be opened and is replaced by a new secret.
CREATE TABLE workspace_secrets (
    repository TEXT NOT NULL,
    workspace  TEXT NOT NULL,
    kind       TEXT NOT NULL,
    key_id     TEXT NOT NULL,
    sealed     BLOB NOT NULL,
    created_at TEXT NOT NULL,
    PRIMARY KEY (repository, workspace, kind)
) STRICT;

-- Connection tokens (the IDE address /connect/...): only the SHA-256 of the token is kept, so the database alone
-- cannot be used to connect. One per workspace; issuing a new one replaces it, deleting the row revokes it.
CREATE TABLE connection_tokens (
    token_hash TEXT NOT NULL PRIMARY KEY,
    repository TEXT NOT NULL,
    workspace  TEXT NOT NULL,
    created_at TEXT NOT NULL,
    UNIQUE (repository, workspace)
) STRICT;
