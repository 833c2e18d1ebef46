-- Payments a user authorized, each confirmed at most once for one order.
CREATE TABLE payments (
    id               uuid          PRIMARY KEY,
    user_id          text          NOT NULL,
    amount           numeric(14,2) NOT NULL CHECK (amount > 0),
    status           text          NOT NULL CHECK (status IN ('AUTHORIZED', 'CONFIRMED')),
    order_id         text          NOT NULL DEFAULT '',
    confirmed_amount numeric(14,2) NOT NULL DEFAULT 0 CHECK (confirmed_amount <= amount),
    created_at       timestamptz   NOT NULL DEFAULT now(),
    updated_at       timestamptz   NOT NULL DEFAULT now()
);

-- At most one invoice per order: the unique order_id holds even when OrderReadied races CreateInvoice.
CREATE TABLE invoices (
    id         uuid          PRIMARY KEY,
    order_id   text          NOT NULL UNIQUE,
    payment_id uuid          NOT NULL REFERENCES payments (id),
    amount     numeric(14,2) NOT NULL CHECK (amount >= 0),
    status     text          NOT NULL CHECK (status IN ('PENDING', 'PAID', 'CANCELED')),
    created_at timestamptz   NOT NULL DEFAULT now(),
    updated_at timestamptz   NOT NULL DEFAULT now()
);

CREATE INDEX invoices_payment_id ON invoices (payment_id);
