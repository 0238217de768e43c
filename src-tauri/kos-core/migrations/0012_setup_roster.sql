-- no-transaction
-- U-2, B-2, B-17, B-18, S-2: the staff roster (工号, 岗位, phone, 在职状态) and the brand's register of
-- 小红书账号 with a dated history of nickname and followers.
--
-- A roster row exists before the invitation brings the person's ID number (B-9..B-12), so the ID-number
-- columns of `staff` become nullable. SQLite cannot drop a NOT NULL in place: `staff` is rebuilt. Four tables
-- reference it (xhs_accounts, bindings, users, notes), and with foreign keys on, DROP TABLE deletes the rows
-- first and fails on those references even when deferred. So this migration runs outside sqlx's transaction
-- (the first line above), turns foreign keys off for its own transaction, rebuilds the table keeping every
-- id, checks the references and turns them on again: the procedure SQLite documents for such changes.
-- A database with data is copied aside before any migration (db.rs), so a failure here loses nothing.
PRAGMA foreign_keys = OFF;

BEGIN IMMEDIATE;

CREATE TABLE staff_v2 (
    id              INTEGER PRIMARY KEY,
    enterprise_id   INTEGER NOT NULL REFERENCES enterprises(id),
    store_id        INTEGER NOT NULL REFERENCES stores(id),
    name            TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 24),
    -- 工号 from the HR roster: unique within the brand when present (index below)
    employee_no     TEXT CHECK (employee_no IS NULL OR length(employee_no) BETWEEN 1 AND 32),
    -- 岗位 as the HR roster names it (free text; the B-11 badge title is chosen per binding)
    position        TEXT CHECK (position IS NULL OR length(position) BETWEEN 1 AND 24),
    -- never the ID number itself: a keyed HMAC for matching and a masked form for display (PIPL); NULL on a
    -- roster row until an invitation brings the number (B-10)
    id_hmac         TEXT,
    id_masked       TEXT,
    -- the phone number the same way: a keyed HMAC (a re-import tells a changed number) and a mask
    phone_hmac      TEXT,
    phone_masked    TEXT,
    hired_on        TEXT NOT NULL,
    left_on         TEXT,
    created_at      TEXT NOT NULL,
    CHECK ((id_hmac IS NULL) = (id_masked IS NULL)),
    CHECK ((phone_hmac IS NULL) OR (phone_masked IS NOT NULL))
);
INSERT INTO staff_v2 (id, enterprise_id, store_id, name, employee_no, position, id_hmac, id_masked, phone_hmac,
                      phone_masked, hired_on, left_on, created_at)
    SELECT id, enterprise_id, store_id, name, NULL, NULL, id_hmac, id_masked, NULL, phone_masked, hired_on, left_on,
           created_at
    FROM staff;
DROP TABLE staff;
ALTER TABLE staff_v2 RENAME TO staff;

CREATE INDEX staff_by_enterprise ON staff(enterprise_id, id);
CREATE INDEX staff_by_store ON staff(store_id, id);
CREATE INDEX staff_by_id_hmac ON staff(id_hmac);
CREATE UNIQUE INDEX staff_employee_no ON staff(enterprise_id, employee_no) WHERE employee_no IS NOT NULL;
-- an invitation attaches to a roster row found by name within the store (U-2)
CREATE INDEX staff_by_store_name ON staff(store_id, name);

-- The date of the nickname and followers held on the account row (the latest snapshot's date).
ALTER TABLE xhs_accounts ADD COLUMN followers_on TEXT;

-- Nickname and followers as each source saw them, one row per account and date (U-2, S-2).
CREATE TABLE account_snapshots (
    account_id  INTEGER NOT NULL REFERENCES xhs_accounts(id),
    date        TEXT NOT NULL,
    nickname    TEXT NOT NULL,
    followers   INTEGER NOT NULL CHECK (followers >= 0),
    source      TEXT NOT NULL CHECK (source IN ('platform', 'register', 'account_import', 'note_import')),
    PRIMARY KEY (account_id, date)
) WITHOUT ROWID;
INSERT INTO account_snapshots (account_id, date, nickname, followers, source)
    SELECT id, substr(created_at, 1, 10), nickname, followers, 'platform' FROM xhs_accounts;
UPDATE xhs_accounts SET followers_on = substr(created_at, 1, 10);

-- The brand's register of 小红书账号 (U-2): accounts it registered or imported, before any binding.
CREATE TABLE enterprise_accounts (
    enterprise_id   INTEGER NOT NULL REFERENCES enterprises(id),
    account_id      INTEGER NOT NULL REFERENCES xhs_accounts(id),
    registered_by   INTEGER REFERENCES users(id),
    registered_at   TEXT NOT NULL,
    PRIMARY KEY (enterprise_id, account_id)
) WITHOUT ROWID;
CREATE INDEX enterprise_accounts_by_account ON enterprise_accounts(account_id);
INSERT INTO enterprise_accounts (enterprise_id, account_id, registered_by, registered_at)
    SELECT DISTINCT b.enterprise_id, b.account_id, NULL, MIN(b.invited_at) FROM bindings b
    GROUP BY b.enterprise_id, b.account_id;

COMMIT;

PRAGMA foreign_keys = ON;
