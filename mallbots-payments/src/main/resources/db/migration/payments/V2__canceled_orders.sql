-- Orders payments saw canceled (ordering's OrderCanceled): the create-order saga's ConfirmPayment for one of
-- them is refused (ORDER_CANCELED), so a shopper who cancels while the saga runs is not charged.
CREATE TABLE canceled_orders (
    order_id    text        PRIMARY KEY,
    canceled_at timestamptz NOT NULL DEFAULT now()
);
