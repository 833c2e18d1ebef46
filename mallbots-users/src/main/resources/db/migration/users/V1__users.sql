-- The users of the mall. The password is kept only as a bcrypt hash.
CREATE TABLE users (
    id            uuid        PRIMARY KEY,
    username      text        NOT NULL,
    email         text        NOT NULL,
    bio           text        NOT NULL DEFAULT '',
    image         text        NOT NULL DEFAULT '',
    password_hash text        NOT NULL,
    enabled       boolean     NOT NULL,
    registered_at timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now(),
    -- Usernames are case-sensitive; e-mail addresses are one address whatever their letter case.
    CONSTRAINT users_username_unique UNIQUE (username)
);

CREATE UNIQUE INDEX users_email_unique ON users (lower(email));
