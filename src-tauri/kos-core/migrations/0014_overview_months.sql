-- Issue 15 item 4, the window's start-up at 1,000,000 notes: 概览's notes per month, kept with the notes'
-- freshness they were counted at (store::analytics::freshness: the highest note id, the rows the brand's
-- imports have committed and their highest id). Counting them again reads every note of the brand (seconds
-- at a million); the overview reads this row instead while the notes are as they were.
CREATE TABLE note_month_totals (
    enterprise_id   INTEGER PRIMARY KEY REFERENCES enterprises(id),
    max_note_id     INTEGER NOT NULL,
    import_rows     INTEGER NOT NULL,
    max_import_id   INTEGER NOT NULL,
    months          TEXT NOT NULL,  -- JSON: [{"month":"2026-06","video":…,"image":…,"interactions":…}, …]
    counted_at      TEXT NOT NULL
);
