-- Ordering's order events carry their order's version: a row keeps the newest version it heard of, and a status
-- event older than that (a replay, a re-drive, a late delivery, one from the broker being drained) changes nothing.
-- 0 = unknown (events from before versions), which applies by status rank alone, as before.
ALTER TABLE orders ADD COLUMN version bigint NOT NULL DEFAULT 0;
