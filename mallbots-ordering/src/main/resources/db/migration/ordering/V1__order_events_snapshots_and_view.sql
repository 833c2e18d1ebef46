-- The command side: each order is a stream of events. The primary key on (stream_id, version) is the
-- optimistic concurrency check: two writers that loaded the same version cannot both append the next one.
CREATE TABLE events (
    stream_id   uuid        NOT NULL,
    version     integer     NOT NULL CHECK (version >= 1),
    name        text        NOT NULL,
    payload     jsonb       NOT NULL,
    occurred_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (stream_id, version)
);

-- The latest snapshot of a stream: loading reads it and only the events after its version.
CREATE TABLE snapshots (
    stream_id uuid        PRIMARY KEY,
    version   integer     NOT NULL,
    state     jsonb       NOT NULL,
    taken_at  timestamptz NOT NULL DEFAULT now()
);

-- One order per basket: a checkout delivered again under another message id creates no second order.
CREATE TABLE basket_orders (
    basket_id text PRIMARY KEY,
    order_id  uuid NOT NULL
);

-- The query side: one row per order as it is now, written in the transaction that appends its events.
CREATE TABLE orders_view (
    id         uuid          PRIMARY KEY,
    user_id    text          NOT NULL,
    payment_id text          NOT NULL,
    basket_id  text,
    status     text          NOT NULL CHECK (status IN ('PENDING', 'APPROVED', 'REJECTED', 'READY', 'COMPLETED', 'CANCELED')),
    invoice_id text,
    total      numeric(14,2) NOT NULL,
    items      jsonb         NOT NULL,
    version    integer       NOT NULL,
    updated_at timestamptz   NOT NULL DEFAULT now()
);
