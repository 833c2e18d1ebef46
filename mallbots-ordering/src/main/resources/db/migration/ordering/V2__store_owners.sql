-- Who owns which store, from stores' StoreCreated: a store's owner may make ready and complete the orders
-- that hold its products.
CREATE TABLE store_owners (
    store_id text PRIMARY KEY,
    owner_id text NOT NULL
);

CREATE INDEX store_owners_by_owner ON store_owners (owner_id);
