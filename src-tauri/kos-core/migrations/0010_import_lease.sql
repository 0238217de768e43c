-- N-1 (issue 11): an import owns its row by a lease. `lease_owner` is the random id of the process opening
-- that runs it (the `instance` of its database lock file), `lease_until` the instant (UTC, RFC 3339) the lease
-- lapses unless renewed; the running import renews it every few seconds and checks it in every batch's own
-- transaction. Nothing else marks a running import failed or resumes it while its lease is live.
ALTER TABLE note_imports ADD COLUMN lease_owner TEXT;
ALTER TABLE note_imports ADD COLUMN lease_until TEXT;
