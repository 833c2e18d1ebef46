-- A saga step that gets no reply is sent again, then compensated: the awaited command's id (the receiver's
-- inbox key, named by every re-send) and how many times it was sent.
ALTER TABLE saga_instances
    ADD COLUMN command_id uuid,
    ADD COLUMN attempts   integer NOT NULL DEFAULT 1;

-- A saga command's business rejection, kept by the receiver so that a re-sent command gets the same answer
-- again (the effect ran, or was refused, once; its reply may have been lost).
CREATE TABLE saga_command_rejections (
    subscriber  text        NOT NULL,
    command_id  text        NOT NULL,
    code        text        NOT NULL,
    reason      text        NOT NULL,
    rejected_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (subscriber, command_id)
);
