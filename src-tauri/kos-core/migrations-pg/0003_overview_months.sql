-- Issue 15 item 4: 概览's notes per month with the freshness they were counted at; the same table as the solo
-- file's migration 0014.
CREATE TABLE note_month_totals (
    enterprise_id   BIGINT PRIMARY KEY REFERENCES enterprises(id),
    max_note_id     BIGINT NOT NULL,
    import_rows     BIGINT NOT NULL,
    max_import_id   BIGINT NOT NULL,
    months          TEXT NOT NULL,
    counted_at      TEXT NOT NULL
);
