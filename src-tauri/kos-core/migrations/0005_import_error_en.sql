-- N-1: a failed import's reason in English too, for the English window (the Chinese stays in `error`).
ALTER TABLE note_imports ADD COLUMN error_en TEXT;
UPDATE note_imports SET error_en = 'Import interrupted (the program ended): importing the same file again resumes'
 WHERE error = '导入中断（程序退出）：重新导入同一文件会从中断处继续';
