-- Every notification sent, once per order and kind: a redelivered event or a repeated RPC adds nothing.
CREATE TABLE notifications (
    order_id  text        NOT NULL,
    kind      text        NOT NULL CHECK (kind IN ('CREATED', 'READY', 'CANCELED')),
    user_id   text        NOT NULL,
    recipient text        NOT NULL,
    text      text        NOT NULL,
    sent_at   timestamptz NOT NULL,
    PRIMARY KEY (order_id, kind)
);

CREATE INDEX notifications_user_id ON notifications (user_id);

-- The users notifications has heard of (users' events, or users' API on a miss).
CREATE TABLE user_cache (
    user_id    text        PRIMARY KEY,
    name       text        NOT NULL,
    address    text        NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now()
);
