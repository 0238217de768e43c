-- B-20: history rows are hash-chained, so a row changed, removed or slipped in afterwards is detectable.
-- Each row carries the hash of the row before it and its own: hash = SHA-256 over a JSON array of
-- [prev_hash, id, at, actor_id, enterprise_id, entity_type, entity_id, action, summary_zh, summary_en,
--  reason, before_json, after_json] (store/history.rs `row_hash`). The first row's prev_hash is 64 zeros.
-- Rows written before this migration are sealed once, in id order, by the core right after migrating
-- (store::history::seal_legacy); the update guard lets exactly that through: hash and prev_hash going
-- from NULL to a value with every other column unchanged. A new row must arrive chained.
ALTER TABLE history ADD COLUMN prev_hash TEXT;
ALTER TABLE history ADD COLUMN hash TEXT;

DROP TRIGGER history_no_update;
CREATE TRIGGER history_no_update BEFORE UPDATE ON history
WHEN NOT (OLD.hash IS NULL AND OLD.prev_hash IS NULL AND NEW.hash IS NOT NULL AND NEW.prev_hash IS NOT NULL
          AND NEW.id = OLD.id AND NEW.at IS OLD.at AND NEW.actor_id IS OLD.actor_id
          AND NEW.enterprise_id IS OLD.enterprise_id AND NEW.entity_type IS OLD.entity_type
          AND NEW.entity_id IS OLD.entity_id AND NEW.action IS OLD.action
          AND NEW.summary_zh IS OLD.summary_zh AND NEW.summary_en IS OLD.summary_en
          AND NEW.reason IS OLD.reason AND NEW.before_json IS OLD.before_json
          AND NEW.after_json IS OLD.after_json)
BEGIN SELECT RAISE(ABORT, 'history is append-only'); END;

CREATE TRIGGER history_chained BEFORE INSERT ON history
WHEN NEW.hash IS NULL OR NEW.prev_hash IS NULL
BEGIN SELECT RAISE(ABORT, 'history rows must be chained'); END;
