-- Messages a subscriber of this service gave up on (they are also on <topic>.dlq): kept here so that an
-- operator can list them and replay one once the cause is fixed (GET /dead-letters, POST .../replay).
CREATE TABLE dead_letters (
    message_id   text        NOT NULL,
    subscriber   text        NOT NULL,
    topic        text        NOT NULL,
    name         text        NOT NULL,
    version      integer     NOT NULL,
    aggregate_id text        NOT NULL,
    payload      bytea       NOT NULL,
    metadata     jsonb       NOT NULL,
    reason       text        NOT NULL,
    attempts     integer     NOT NULL,
    dead_at      timestamptz NOT NULL DEFAULT now(),
    replayed_at  timestamptz,
    PRIMARY KEY (message_id, subscriber)
);
