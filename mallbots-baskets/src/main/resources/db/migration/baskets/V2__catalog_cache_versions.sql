-- Stores' events carry their product's or store's version; the copy keeps the version of what it holds, so an
-- older event (a replay, a re-drive, a late delivery) never overwrites a newer one. Name and price have a version
-- each, since a rename and a price change are different events that may arrive in either order. A change that
-- arrives before its product's ProductAdded makes a partial row (the columns it does not know stay NULL) that
-- ProductAdded, or a fill from stores' API, completes; a partial row is no product yet. 0 = unknown version.
ALTER TABLE product_cache
    ALTER COLUMN store_id DROP NOT NULL,
    ALTER COLUMN name DROP NOT NULL,
    ALTER COLUMN price DROP NOT NULL,
    ADD COLUMN name_version  bigint NOT NULL DEFAULT 0,
    ADD COLUMN price_version bigint NOT NULL DEFAULT 0;

ALTER TABLE removed_products ADD COLUMN version bigint NOT NULL DEFAULT 0;

ALTER TABLE store_cache ADD COLUMN version bigint NOT NULL DEFAULT 0;
