-- A row the broker keeps refusing (too large, a topic it will not take) must not stop the rows behind it.
-- The relay counts each row's failed publishes here and, after OUTBOX_MAX_ATTEMPTS, moves the row to
-- outbox_parked, where an operator lists it (GET /outbox/parked) and, once the cause is fixed, moves it
-- back (POST /outbox/parked/<id>/replay).
ALTER TABLE outbox
    ADD COLUMN attempts   integer NOT NULL DEFAULT 0,
    ADD COLUMN last_error text;

-- seq is the row's place in the outbox: a replayed row goes back under it, ahead of the later rows of its
-- aggregate, which stay in the outbox (not claimed) as long as a row of their aggregate is parked.
CREATE TABLE outbox_parked (
    seq          bigint      PRIMARY KEY,
    id           uuid        NOT NULL UNIQUE,
    topic        text        NOT NULL,
    name         text        NOT NULL,
    version      integer     NOT NULL,
    aggregate_id text        NOT NULL,
    payload      bytea       NOT NULL,
    metadata     jsonb       NOT NULL,
    created_at   timestamptz NOT NULL,
    attempts     integer     NOT NULL,
    last_error   text        NOT NULL,
    parked_at    timestamptz NOT NULL DEFAULT now()
);

-- The relay's claim looks up every candidate row's aggregate here.
CREATE INDEX outbox_parked_aggregate ON outbox_parked (aggregate_id);
CREATE INDEX outbox_parked_newest ON outbox_parked (parked_at DESC);
