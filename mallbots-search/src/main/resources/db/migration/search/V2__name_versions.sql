-- Stores' events carry their store's or product's version: a name keeps the version of the event that gave it, so
-- an older rebrand (a replay, a re-drive, a late delivery) never renames back. 0 = unknown (users' events, and
-- stores' events from before versions), which applies as before.
ALTER TABLE stores ADD COLUMN version bigint NOT NULL DEFAULT 0;
ALTER TABLE products ADD COLUMN version bigint NOT NULL DEFAULT 0;
ALTER TABLE users ADD COLUMN version bigint NOT NULL DEFAULT 0;
