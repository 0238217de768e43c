-- Note review queue (N-1..N-8, S-1): imports of platform exports, review requests and decisions, boosts,
-- the 聚光 list. Every queue filter × sort walks its own index (asserted by EXPLAIN QUERY PLAN tests).

-- where the note stands in review: none (in 待审核笔记), in_review, rejected, approved
ALTER TABLE notes ADD COLUMN review_state TEXT NOT NULL DEFAULT 'none'
    CHECK (review_state IN ('none', 'in_review', 'rejected', 'approved'));
-- the latest review request (发起审核日期), NULL while never requested
ALTER TABLE notes ADD COLUMN review_requested_at TEXT;
-- the staff member whose bound account published the note (员工名称), fixed at publish time
ALTER TABLE notes ADD COLUMN staff_id INTEGER REFERENCES staff(id);

UPDATE notes SET staff_id = COALESCE(
    (SELECT b.staff_id FROM bindings b
     WHERE b.account_id = notes.account_id AND b.enterprise_id = notes.enterprise_id
       AND b.effective_at IS NOT NULL AND b.effective_at <= notes.published_at
       AND (b.ended_at IS NULL OR b.ended_at > notes.published_at)
     ORDER BY b.effective_at DESC, b.id DESC LIMIT 1),
    (SELECT a.owner_staff_id FROM xhs_accounts a WHERE a.id = notes.account_id));

-- 待审核笔记 holds the notes never requested (0); 已发起审核笔记 the rest (1). A plain column kept with
-- review_state (a virtual generated column would make SQLite read the table behind every index entry)
ALTER TABLE notes ADD COLUMN requested INTEGER NOT NULL DEFAULT 0 CHECK (requested = (review_state <> 'none'));

-- One index per sort (N-4): the sort column, then the row id as the tie-breaker (keyset order), then the
-- columns the type and publish-date filters test, so a page or a count never leaves the index. The tabs of
-- 已发起审核笔记 and the request-date filter test the table: requests are bounded by the monthly quota.
-- They replace the two notes indexes of 0001. `store::notes::QUEUE_INDEXES` holds the same definitions
-- (a large import drops and rebuilds them; a test keeps both in step).
DROP INDEX notes_by_enterprise_published;
DROP INDEX notes_by_account;
CREATE INDEX notes_q_published ON notes(enterprise_id, requested, published_at, id, note_type);
CREATE INDEX notes_q_exposure ON notes(enterprise_id, requested, exposure, id, note_type, published_at);
CREATE INDEX notes_q_reads ON notes(enterprise_id, requested, reads, id, note_type, published_at);
CREATE INDEX notes_q_interactions ON notes(enterprise_id, requested, interactions, id, note_type, published_at);
-- the keyword scan (2-character Chinese words need no tokenizer) reads titles from here, not the table
CREATE INDEX notes_q_title ON notes(enterprise_id, requested, title, note_type, published_at);
CREATE INDEX notes_by_staff ON notes(staff_id, published_at);
CREATE INDEX notes_q_requested ON notes(enterprise_id, review_requested_at, id)
    WHERE review_requested_at IS NOT NULL;

-- An import of a platform export file (N-1). Batches commit on their own; `rows_done` is the last data
-- row committed, so a re-run of the same file (same sha256 and data date) resumes after it.
CREATE TABLE note_imports (
    id              INTEGER PRIMARY KEY,
    enterprise_id   INTEGER NOT NULL REFERENCES enterprises(id),
    file_name       TEXT NOT NULL,
    file_sha256     TEXT NOT NULL,
    data_date       TEXT NOT NULL,              -- snapshot date the metrics belong to (Asia/Shanghai)
    mapping_json    TEXT NOT NULL,
    status          TEXT NOT NULL CHECK (status IN ('running', 'done', 'cancelled', 'failed')),
    rows_total      INTEGER NOT NULL,
    rows_done       INTEGER NOT NULL DEFAULT 0,
    inserted        INTEGER NOT NULL DEFAULT 0,
    updated         INTEGER NOT NULL DEFAULT 0,
    unchanged       INTEGER NOT NULL DEFAULT 0,
    rejected        INTEGER NOT NULL DEFAULT 0,
    set_aside       INTEGER NOT NULL DEFAULT 0,
    error           TEXT,
    started_by      INTEGER NOT NULL REFERENCES users(id),
    started_at      TEXT NOT NULL,
    finished_at     TEXT
);
CREATE INDEX note_imports_by_enterprise ON note_imports(enterprise_id, id);
CREATE INDEX note_imports_by_file ON note_imports(enterprise_id, file_sha256, data_date);

-- Rows an import refused, with why (the row report).
CREATE TABLE note_import_rejects (
    import_id   INTEGER NOT NULL REFERENCES note_imports(id),
    line        INTEGER NOT NULL,
    column_name TEXT,
    reason      TEXT NOT NULL,
    reason_en   TEXT NOT NULL,
    PRIMARY KEY (import_id, line)
) WITHOUT ROWID;

-- Notes kept aside: their account is not bound to the brand (or is frozen) when published (N-1, B-17).
CREATE TABLE note_import_aside (
    import_id   INTEGER NOT NULL REFERENCES note_imports(id),
    line        INTEGER NOT NULL,
    note_id     TEXT NOT NULL,
    xhs_id      TEXT NOT NULL,
    title       TEXT NOT NULL,
    published_at TEXT NOT NULL,
    reason      TEXT NOT NULL CHECK (reason IN ('unknown_account', 'not_bound', 'frozen')),
    PRIMARY KEY (import_id, line)
) WITHOUT ROWID;

-- A review request (N-5) and its decision (N-6). A rejected note may be requested again: a new row.
CREATE TABLE note_reviews (
    id              INTEGER PRIMARY KEY,
    enterprise_id   INTEGER NOT NULL REFERENCES enterprises(id),
    note_row_id     INTEGER NOT NULL REFERENCES notes(id),
    month           TEXT NOT NULL,              -- quota month, Asia/Shanghai "2026-11"
    requested_by    INTEGER NOT NULL REFERENCES users(id),
    requested_at    TEXT NOT NULL,
    state           TEXT NOT NULL CHECK (state IN ('in_review', 'rejected', 'approved')),
    decided_by      INTEGER REFERENCES users(id),
    decided_at      TEXT,
    reason          TEXT,                       -- required with a decision; the brand sees it
    checklist_json  TEXT,                       -- N-2 items the reviewer ticked
    CHECK (state = 'in_review' OR (decided_by IS NOT NULL AND decided_at IS NOT NULL AND reason IS NOT NULL))
);
CREATE INDEX note_reviews_quota ON note_reviews(enterprise_id, month);
CREATE INDEX note_reviews_by_note ON note_reviews(note_row_id, id);
CREATE INDEX note_reviews_open ON note_reviews(id) WHERE state = 'in_review';

-- 内容加热 orders on approved notes (N-6, P-1 goal).
CREATE TABLE note_boosts (
    id              INTEGER PRIMARY KEY,
    enterprise_id   INTEGER NOT NULL REFERENCES enterprises(id),
    note_row_id     INTEGER NOT NULL REFERENCES notes(id),
    budget_yuan     INTEGER NOT NULL CHECK (budget_yuan > 0),
    days            INTEGER NOT NULL CHECK (days BETWEEN 1 AND 30),
    goal            TEXT NOT NULL CHECK (goal IN ('产品种草', '抢占赛道', '商品销量', '客资收集')),
    starts_on       TEXT NOT NULL,              -- Asia/Shanghai date
    created_by      INTEGER NOT NULL REFERENCES users(id),
    created_at      TEXT NOT NULL
);
CREATE INDEX note_boosts_by_note ON note_boosts(note_row_id, id);
CREATE INDEX note_boosts_by_enterprise ON note_boosts(enterprise_id, id);

-- The 聚光 导购笔记 list: only notes sent with 前往聚光 (N-7).
CREATE TABLE juguang_notes (
    note_row_id     INTEGER PRIMARY KEY REFERENCES notes(id),
    enterprise_id   INTEGER NOT NULL REFERENCES enterprises(id),
    sent_by         INTEGER NOT NULL REFERENCES users(id),
    sent_at         TEXT NOT NULL
);
CREATE INDEX juguang_by_enterprise ON juguang_notes(enterprise_id, sent_at);
