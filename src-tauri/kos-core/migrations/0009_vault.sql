-- B-10, B-14, B-22: the installation key lives outside the database (the OS key store, or a key file named by
-- KOS_DESK_KEY_FILE), never beside it. This one row ties the database to its key: the database id names the
-- key-store entry (two databases never share a key), and the key-check value, HMAC(key, "kos-desk key
-- check"), tells a missing or wrong key from the right one before anything is hashed or decrypted with it.
CREATE TABLE vault (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    database_id TEXT    NOT NULL,
    key_check   TEXT    NOT NULL,
    created_at  TEXT    NOT NULL
);
