-- The team server's sign-in (U-4). Unused by the solo file, kept here so both stores hold one schema (and a
-- solo database moves into the server table for table).
-- When a user's password was set, and whether they must choose a new one at their next sign-in (an
-- administrator's reset).
ALTER TABLE users ADD COLUMN password_set_at TEXT;
ALTER TABLE users ADD COLUMN must_change_password INTEGER NOT NULL DEFAULT 0 CHECK (must_change_password IN (0, 1));

-- A signed-in session, by the SHA-256 of its token (the token itself is never stored).
CREATE TABLE login_sessions (
    token_hash  TEXT PRIMARY KEY,
    user_id     INTEGER NOT NULL REFERENCES users(id),
    client      TEXT NOT NULL CHECK (client IN ('window', 'browser')),
    created_at  TEXT NOT NULL,
    expires_at  TEXT NOT NULL,
    ended_at    TEXT
) WITHOUT ROWID;
CREATE INDEX login_sessions_by_user ON login_sessions(user_id);

-- Failed sign-ins per name (its keyed hash: a mistyped password in the name field is never kept), for the
-- back-off after repeated failures.
CREATE TABLE login_failures (
    id          INTEGER PRIMARY KEY,
    name_hmac   TEXT NOT NULL,
    at          TEXT NOT NULL
);
CREATE INDEX login_failures_by_name ON login_failures(name_hmac, at);
