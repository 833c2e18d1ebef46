-- Stores of the mall and their catalogs. Prices are exact decimals in cents (the wire's double is
-- rounded before it gets here).
CREATE TABLE stores (
    id            uuid        PRIMARY KEY,
    name          text        NOT NULL,
    location      text        NOT NULL,
    participating boolean     NOT NULL DEFAULT false,
    owner_id      text        NOT NULL DEFAULT '',
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX stores_participating ON stores (name) WHERE participating;

CREATE TABLE products (
    id          uuid          PRIMARY KEY,
    store_id    uuid          NOT NULL REFERENCES stores (id),
    name        text          NOT NULL,
    description text          NOT NULL DEFAULT '',
    sku         text          NOT NULL,
    price       numeric(14,2) NOT NULL CHECK (price > 0),
    created_at  timestamptz   NOT NULL DEFAULT now(),
    updated_at  timestamptz   NOT NULL DEFAULT now()
);

CREATE INDEX products_catalog ON products (store_id, name);
