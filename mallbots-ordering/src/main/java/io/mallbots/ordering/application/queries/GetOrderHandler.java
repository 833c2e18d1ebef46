package io.mallbots.ordering.application.queries;

import io.mallbots.core.domain.NotFound;
import io.vertx.core.Future;

/** Answers GetOrder from the read table. */
public final class GetOrderHandler {

  private final OrderViews views;

  public GetOrderHandler(OrderViews views) {
    this.views = views;
  }

  public Future<OrderView> handle(GetOrder query) {
    return views
        .find(query.orderId())
        .map(
            found -> {
              OrderView view =
                  found.orElseThrow(
                      () -> new NotFound("ORDER_NOT_FOUND", "no order with id " + query.orderId()));
              query.actor().ensureMayActFor(view.userId(), "order " + view.id());
              return view;
            });
  }
}
