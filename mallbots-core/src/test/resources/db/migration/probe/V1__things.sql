CREATE TABLE things (
    id    text PRIMARY KEY,
    count integer NOT NULL DEFAULT 0
);
