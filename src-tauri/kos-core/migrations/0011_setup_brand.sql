-- Issue 12 (U-1, U-2, U-3, B-3): a brand sets itself up without the demo.
-- A store is closed, never deleted: it keeps its history and its staff's records, and is not offered for new
-- staff or bindings once `closed_on` (a 'YYYY-MM-DD' date, Asia/Shanghai) is set.
ALTER TABLE stores ADD COLUMN closed_on TEXT;
-- 店长手机号 from the stores sheet or form: never the number itself (privacy, DESIGN.md): a keyed HMAC to link
-- the store-manager user who has that phone, and the masked form for display (138****5678).
ALTER TABLE stores ADD COLUMN manager_phone_hmac TEXT;
ALTER TABLE stores ADD COLUMN manager_phone_masked TEXT;

-- A user's phone, the same way (keyed HMAC + masked), so a stores sheet's 店长手机号 finds its store manager.
ALTER TABLE users ADD COLUMN phone_hmac TEXT;
ALTER TABLE users ADD COLUMN phone_masked TEXT;
-- Room for the team server's login (U-4): a password hash and an identity-provider id. Unused in solo mode,
-- never sent to the window. SQLite cannot add a UNIQUE column, so the uniqueness of external_id is an index.
ALTER TABLE users ADD COLUMN password_hash TEXT;
ALTER TABLE users ADD COLUMN external_id TEXT;
CREATE UNIQUE INDEX users_by_external_id ON users(external_id) WHERE external_id IS NOT NULL;
CREATE INDEX users_by_phone_hmac ON users(phone_hmac) WHERE phone_hmac IS NOT NULL;
-- when and why a user was deactivated (NULL while active)
ALTER TABLE users ADD COLUMN deactivated_at TEXT;
