package io.mallbots.search.ports.grpc;

import io.mallbots.core.domain.Actor;
import io.mallbots.core.rpc.RpcCaller;
import io.mallbots.search.application.SearchApplication;
import io.mallbots.search.application.queries.GetOrder;
import io.mallbots.search.application.queries.SearchOrders;
import io.mallbots.search.domain.OrderPage;
import io.mallbots.search.domain.OrderSearch;
import io.mallbots.search.ports.SearchWire;
import io.mallbots.search.v1.GetOrderRequest;
import io.mallbots.search.v1.GetOrderResponse;
import io.mallbots.search.v1.SearchOrdersRequest;
import io.mallbots.search.v1.SearchOrdersResponse;
import io.mallbots.search.v1.SearchServiceService;
import io.vertx.core.Future;

/**
 * SearchService over gRPC and the JSON bridge: requests become queries (wire values checked here),
 * pages and orders go back as protos. Called on the service verticle's event loop.
 */
public final class SearchGrpcServer extends SearchServiceService {

  private final SearchApplication app;

  public SearchGrpcServer(SearchApplication app) {
    this.app = app;
  }

  @Override
  public Future<SearchOrdersResponse> searchOrders(SearchOrdersRequest request) {
    Actor actor = RpcCaller.actor();
    SearchOrders query =
        new SearchOrders(
            OrderSearch.of(
                SearchWire.filters(request.getFilters()), request.getNext(), request.getLimit()),
            actor);
    return app.searchOrders(query).map(page -> response(page, query.search()));
  }

  @Override
  public Future<GetOrderResponse> getOrder(GetOrderRequest request) {
    Actor actor = RpcCaller.actor();
    return app.getOrder(new GetOrder(request.getId(), actor))
        .map(order -> GetOrderResponse.newBuilder().setOrder(SearchWire.order(order)).build());
  }

  private static SearchOrdersResponse response(OrderPage page, OrderSearch search) {
    var response = SearchOrdersResponse.newBuilder();
    page.orders().forEach(order -> response.addOrders(SearchWire.order(order)));
    page.next().ifPresent(next -> response.setNext(next.encode(search.filters())));
    return response.build();
  }
}
