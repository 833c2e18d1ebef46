-- The read model: one row per order, denormalised for search. A status event that arrives before the order's
-- OrderCreated leaves a placeholder (user_id and created_at NULL) that OrderCreated completes; queries and
-- GetOrder skip placeholders.
CREATE TABLE orders (
    order_id    text          PRIMARY KEY,
    user_id     text,
    user_name   text          NOT NULL DEFAULT '',
    total       numeric(14,2) NOT NULL DEFAULT 0,
    status      text          NOT NULL CHECK (status IN ('PENDING', 'APPROVED', 'REJECTED', 'READY', 'COMPLETED',
                                                         'CANCELED')),
    -- How far along its life cycle the order is: a status only ever moves to a higher rank.
    status_rank smallint      NOT NULL,
    created_at  timestamptz,
    -- The items' store and product ids again, for the store and product filters (GIN, overlap operator).
    store_ids   text[]        NOT NULL DEFAULT '{}',
    product_ids text[]        NOT NULL DEFAULT '{}',
    CHECK ((user_id IS NULL) = (created_at IS NULL))
);

-- Keyset pagination, newest first, on (created_at, order_id), alone and after the equality filters.
CREATE INDEX orders_newest ON orders (created_at, order_id) WHERE created_at IS NOT NULL;
CREATE INDEX orders_by_user ON orders (user_id, created_at, order_id) WHERE created_at IS NOT NULL;
CREATE INDEX orders_by_status ON orders (status, created_at, order_id) WHERE created_at IS NOT NULL;
CREATE INDEX orders_by_store ON orders USING gin (store_ids);
CREATE INDEX orders_by_product ON orders USING gin (product_ids);

CREATE TABLE order_items (
    order_id     text          NOT NULL REFERENCES orders ON DELETE CASCADE,
    position     int           NOT NULL,
    product_id   text          NOT NULL,
    store_id     text          NOT NULL,
    product_name text          NOT NULL,
    store_name   text          NOT NULL,
    price        numeric(14,2) NOT NULL,
    quantity     bigint        NOT NULL CHECK (quantity >= 1),
    PRIMARY KEY (order_id, position)
);

-- A rename reaches every item of the product or store.
CREATE INDEX order_items_by_product ON order_items (product_id);
CREATE INDEX order_items_by_store ON order_items (store_id);

-- The names search has heard of, from users' and stores' events: an order created later takes them from here.
CREATE TABLE users (
    user_id text PRIMARY KEY,
    name    text NOT NULL
);

CREATE TABLE stores (
    store_id text PRIMARY KEY,
    name     text NOT NULL
);

CREATE TABLE products (
    product_id text PRIMARY KEY,
    name       text NOT NULL
);
