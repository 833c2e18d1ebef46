-- Events leave a service only through this table: an aggregate change and the events it raises
-- commit together; the relay publishes rows in seq order and deletes them once the broker has them.
CREATE TABLE outbox (
    seq          bigserial   PRIMARY KEY,
    id           uuid        NOT NULL UNIQUE,
    topic        text        NOT NULL,
    name         text        NOT NULL,
    version      integer     NOT NULL,
    aggregate_id text        NOT NULL,
    payload      bytea       NOT NULL,
    metadata     jsonb       NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now()
);

-- A consumed message's id is recorded in the same transaction as its effect: a redelivery finds it
-- here and has no second effect.
CREATE TABLE inbox (
    subscriber  text        NOT NULL,
    message_id  text        NOT NULL,
    name        text        NOT NULL,
    received_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (subscriber, message_id)
);

-- Wakes relays of other instances; the instance that committed wakes its own relay directly.
CREATE FUNCTION outbox_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('mallbots_outbox_' || TG_TABLE_SCHEMA, '');
    RETURN NULL;
END;
$$;

CREATE TRIGGER outbox_inserted AFTER INSERT ON outbox
    FOR EACH STATEMENT EXECUTE FUNCTION outbox_notify();
