-- The durable state of orchestrated sagas: which step's reply is awaited, in which direction.
-- A saga survives a restart of its service: its next command is in the outbox, its replies on the broker.
CREATE TABLE saga_instances (
    saga_name      text        NOT NULL,
    saga_id        text        NOT NULL,
    data           bytea       NOT NULL,
    step           integer     NOT NULL,
    awaiting       text,
    compensating   boolean     NOT NULL DEFAULT false,
    outcome        text,
    failure_code   text,
    failure_reason text,
    created_at     timestamptz NOT NULL DEFAULT now(),
    updated_at     timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (saga_name, saga_id)
);

CREATE INDEX saga_instances_unfinished ON saga_instances (saga_name, updated_at) WHERE outcome IS NULL;
