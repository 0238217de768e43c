-- Binding workflow (B-9..B-20): hand-over as its own end state, signed commitment, employment proofs
-- (B-10, PIPL) stored encrypted outside the database and linked to the invitation they support, and the
-- platform's review of each proof (B-15).

-- SQLite cannot change a CHECK constraint in place: rebuild `bindings` with 'handed_over' added (B-17),
-- the time the 承诺书/服务协议 were signed (B-12) and the binding a hand-over continues. No table references
-- `bindings`, so dropping the old one is safe with foreign keys on.
CREATE TABLE bindings_v2 (
    id                  INTEGER PRIMARY KEY,
    enterprise_id       INTEGER NOT NULL REFERENCES enterprises(id),
    account_id          INTEGER NOT NULL REFERENCES xhs_accounts(id),
    staff_id            INTEGER NOT NULL REFERENCES staff(id),
    mode                TEXT NOT NULL CHECK (mode IN ('enterprise', 'personal')),
    job_title           TEXT NOT NULL CHECK (job_title IN ('导购', '店长', '客服', '员工', '助理', '主播人')),
    status              TEXT NOT NULL CHECK (status IN ('invited', 'active', 'frozen', 'expired', 'declined',
                                                        'unbound', 'dissolved', 'handed_over')),
    invited_by          INTEGER NOT NULL,
    invited_at          TEXT NOT NULL,
    effective_at        TEXT,
    ended_at            TEXT,
    end_reason          TEXT,
    signed_at           TEXT,                   -- B-12 承诺书 + 服务协议
    previous_binding_id INTEGER                 -- B-17 the binding this one took over (移交)
);
INSERT INTO bindings_v2 (id, enterprise_id, account_id, staff_id, mode, job_title, status, invited_by, invited_at,
                         effective_at, ended_at, end_reason, signed_at, previous_binding_id)
    SELECT id, enterprise_id, account_id, staff_id, mode, job_title, status, invited_by, invited_at,
           effective_at, ended_at, end_reason, invited_at, NULL
    FROM bindings;
DROP TABLE bindings;
ALTER TABLE bindings_v2 RENAME TO bindings;

CREATE INDEX bindings_by_enterprise ON bindings(enterprise_id, status, id);
CREATE INDEX bindings_by_account ON bindings(account_id, id);
CREATE INDEX bindings_by_staff ON bindings(staff_id);
-- B-13 sweep: invitations by age
CREATE INDEX bindings_invited_by_time ON bindings(invited_at) WHERE status = 'invited';
-- B-7: at most one live binding per account, across all enterprises
CREATE UNIQUE INDEX bindings_one_live_per_account ON bindings(account_id)
    WHERE status IN ('invited', 'active', 'frozen');

-- Employment proofs (在职证明/劳动合同, B-10). The file lives encrypted in `<db dir>/proofs/<sha256>.kosproof`,
-- named by the SHA-256 of its plaintext; a row per enterprise that uploaded it.
CREATE TABLE proofs (
    id              INTEGER PRIMARY KEY,
    enterprise_id   INTEGER NOT NULL REFERENCES enterprises(id),
    sha256          TEXT NOT NULL CHECK (length(sha256) = 64),
    mime            TEXT NOT NULL CHECK (mime IN ('application/pdf', 'image/jpeg', 'image/png')),
    size            INTEGER NOT NULL CHECK (size > 0),
    name            TEXT NOT NULL,
    uploaded_by     INTEGER NOT NULL REFERENCES users(id),
    uploaded_at     TEXT NOT NULL,
    deleted_at      TEXT,                       -- retention (PIPL): the file is gone, the row stays
    UNIQUE (enterprise_id, sha256)
);
CREATE INDEX proofs_by_sha ON proofs(sha256);

-- The proof an invitation was sent with, and the platform's review of it (B-15).
CREATE TABLE binding_proofs (
    binding_id      INTEGER PRIMARY KEY REFERENCES bindings(id),
    proof_id        INTEGER NOT NULL REFERENCES proofs(id),
    review_status   TEXT NOT NULL DEFAULT 'pending' CHECK (review_status IN ('pending', 'compliant', 'non_compliant')),
    reviewed_by     INTEGER REFERENCES users(id),
    reviewed_at     TEXT,
    review_reason   TEXT
);
CREATE INDEX binding_proofs_by_proof ON binding_proofs(proof_id);
CREATE INDEX binding_proofs_pending ON binding_proofs(review_status) WHERE review_status = 'pending';
