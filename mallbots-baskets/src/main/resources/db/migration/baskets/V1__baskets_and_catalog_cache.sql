-- Shoppers' baskets and their items. An item keeps the names and unit price it was first added with.
CREATE TABLE baskets (
    id          uuid        PRIMARY KEY,
    user_id     text        NOT NULL,
    status      text        NOT NULL CHECK (status IN ('OPEN', 'CANCELED', 'CHECKED_OUT')),
    payment_id  text,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE basket_items (
    basket_id    uuid          NOT NULL REFERENCES baskets (id) ON DELETE CASCADE,
    position     int           NOT NULL,
    product_id   uuid          NOT NULL,
    store_id     uuid          NOT NULL,
    store_name   text          NOT NULL,
    product_name text          NOT NULL,
    price        numeric(14,2) NOT NULL,
    quantity     int           NOT NULL CHECK (quantity >= 1),
    PRIMARY KEY (basket_id, product_id)
);

-- The local copy of stores' catalog, kept from stores' events and filled from stores' gRPC API on a miss.
CREATE TABLE product_cache (
    id         uuid          PRIMARY KEY,
    store_id   uuid          NOT NULL,
    name       text          NOT NULL,
    price      numeric(14,2) NOT NULL,
    updated_at timestamptz   NOT NULL DEFAULT now()
);

-- Products stores has removed: a late fill from the gRPC API must not bring one back.
CREATE TABLE removed_products (
    id         uuid        PRIMARY KEY,
    removed_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE store_cache (
    id         uuid        PRIMARY KEY,
    name       text        NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now()
);
