-- NOTIFY at commit takes one lock for the whole PostgreSQL cluster and holds it through the commit's WAL
-- flush, so every transaction that wrote an outbox row committed one after the other, across all services
-- (make bench saw most busy connections waiting on it at COMMIT). The instance that commits wakes its own
-- relay directly and every relay polls, so no row depends on the notification: it is dropped.
DROP TRIGGER IF EXISTS outbox_inserted ON outbox;
DROP FUNCTION IF EXISTS outbox_notify();
