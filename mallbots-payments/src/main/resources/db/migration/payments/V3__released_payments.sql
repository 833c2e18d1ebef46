-- A confirmed payment whose order was rejected or canceled is given back: RELEASED (ReleasePayment, OrderCanceled).
ALTER TABLE payments DROP CONSTRAINT payments_status_check;
ALTER TABLE payments ADD CONSTRAINT payments_status_check CHECK (status IN ('AUTHORIZED', 'CONFIRMED', 'RELEASED'));
