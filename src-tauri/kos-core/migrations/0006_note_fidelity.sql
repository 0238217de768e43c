-- Issue 10, N-1 / N-4 / N-8 / I-1 / I-2 / I-3 / S-1: a file that gives 互动量 but not 点赞/收藏/评论 stores the
-- total as given with the parts unknown (NULL), never 0; a derived metric (阅读UV) the file lacks is unknown
-- (NULL), never 0. SQLite cannot relax NOT NULL in place, so each such column is copied into a nullable column
-- of the same name. `interactions` becomes the parts' sum when all are known, else the stored total.

DROP INDEX IF EXISTS notes_q_interactions;
ALTER TABLE notes DROP COLUMN interactions;

ALTER TABLE notes ADD COLUMN likes_n INTEGER;
ALTER TABLE notes ADD COLUMN collects_n INTEGER;
ALTER TABLE notes ADD COLUMN comments_n INTEGER;
ALTER TABLE notes ADD COLUMN read_uv_n INTEGER;
UPDATE notes SET likes_n = likes, collects_n = collects, comments_n = comments, read_uv_n = read_uv;
ALTER TABLE notes DROP COLUMN likes;
ALTER TABLE notes DROP COLUMN collects;
ALTER TABLE notes DROP COLUMN comments;
ALTER TABLE notes DROP COLUMN read_uv;
ALTER TABLE notes RENAME COLUMN likes_n TO likes;
ALTER TABLE notes RENAME COLUMN collects_n TO collects;
ALTER TABLE notes RENAME COLUMN comments_n TO comments;
ALTER TABLE notes RENAME COLUMN read_uv_n TO read_uv;
-- 互动量 as the file gave it (NULL: the file had no such column)
ALTER TABLE notes ADD COLUMN interactions_total INTEGER;
ALTER TABLE notes ADD COLUMN interactions INTEGER
    GENERATED ALWAYS AS (COALESCE(likes + collects + comments, interactions_total)) VIRTUAL;
-- as in 0003 and store::notes::QUEUE_INDEXES
CREATE INDEX notes_q_interactions ON notes(enterprise_id, requested, interactions, id, note_type, published_at);

ALTER TABLE note_snapshots ADD COLUMN likes_n INTEGER;
ALTER TABLE note_snapshots ADD COLUMN collects_n INTEGER;
ALTER TABLE note_snapshots ADD COLUMN comments_n INTEGER;
ALTER TABLE note_snapshots ADD COLUMN read_uv_n INTEGER;
UPDATE note_snapshots SET likes_n = likes, collects_n = collects, comments_n = comments, read_uv_n = read_uv;
ALTER TABLE note_snapshots DROP COLUMN likes;
ALTER TABLE note_snapshots DROP COLUMN collects;
ALTER TABLE note_snapshots DROP COLUMN comments;
ALTER TABLE note_snapshots DROP COLUMN read_uv;
ALTER TABLE note_snapshots RENAME COLUMN likes_n TO likes;
ALTER TABLE note_snapshots RENAME COLUMN collects_n TO collects;
ALTER TABLE note_snapshots RENAME COLUMN comments_n TO comments;
ALTER TABLE note_snapshots RENAME COLUMN read_uv_n TO read_uv;
ALTER TABLE note_snapshots ADD COLUMN interactions_total INTEGER;
ALTER TABLE note_snapshots ADD COLUMN interactions INTEGER
    GENERATED ALWAYS AS (COALESCE(likes + collects + comments, interactions_total)) VIRTUAL;

-- N-1: the file's columns no field was mapped to (the import report warns of each), as a JSON array of headers
ALTER TABLE note_imports ADD COLUMN unmapped_json TEXT NOT NULL DEFAULT '[]';
