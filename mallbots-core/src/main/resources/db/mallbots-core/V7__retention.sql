-- The retention sweep (INBOX_RETENTION) deletes the oldest inbox, dead-letter and command-rejection rows
-- in small batches. BRIN indexes fit time-ordered inserts: tiny, and nearly free to keep up on the write
-- path, unlike a B-tree on every inbox insert.
CREATE INDEX inbox_received_at ON inbox USING brin (received_at);
CREATE INDEX dead_letters_dead_at ON dead_letters USING brin (dead_at);
CREATE INDEX saga_command_rejections_rejected_at ON saga_command_rejections USING brin (rejected_at);
