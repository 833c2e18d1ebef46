-- Each store and product counts its changes: 1 when created, one more with each change. Its events carry the
-- count, so a consumer can tell an older event (a replay, a re-drive, a late delivery) from a newer one.
-- Rows from before this migration start at 1.
ALTER TABLE stores ADD COLUMN version bigint NOT NULL DEFAULT 1;
ALTER TABLE products ADD COLUMN version bigint NOT NULL DEFAULT 1;
