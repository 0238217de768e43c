-- ID numbers are shown with their last 4 characters only (`**************002X`): the earlier mask kept the
-- region and the last 4 (`110105********002X`), 10 of 18 characters, enough with the birth date to recover
-- the number by trying. Re-mask what is stored, and the masks written into history summaries: the one
-- rewrite history allows, done with its append-only guard lifted inside this migration's transaction.
UPDATE staff
   SET id_masked = '**************' || substr(id_masked, -4)
 WHERE length(id_masked) = 18 AND substr(id_masked, 7, 8) = '********';

DROP TRIGGER history_no_update;

UPDATE history
   SET summary_zh = substr(summary_zh, 1, instr(summary_zh, '********') - 7) || '**************'
                    || substr(summary_zh, instr(summary_zh, '********') + 8)
 WHERE instr(summary_zh, '********') > 6;

UPDATE history
   SET summary_en = substr(summary_en, 1, instr(summary_en, '********') - 7) || '**************'
                    || substr(summary_en, instr(summary_en, '********') + 8)
 WHERE instr(summary_en, '********') > 6;

CREATE TRIGGER history_no_update BEFORE UPDATE ON history
BEGIN SELECT RAISE(ABORT, 'history is append-only'); END;
