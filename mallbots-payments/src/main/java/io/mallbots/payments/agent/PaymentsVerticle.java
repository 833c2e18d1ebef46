package io.mallbots.payments.agent;

import io.mallbots.core.agent.ServiceAgent;
import io.mallbots.core.agent.ServiceVerticle;
import io.mallbots.core.config.Settings;
import io.mallbots.ordering.v1.OrderingContract;
import io.mallbots.payments.adapters.pg.PgCanceledOrders;
import io.mallbots.payments.adapters.pg.PgInvoices;
import io.mallbots.payments.adapters.pg.PgPayments;
import io.mallbots.payments.application.PaymentsApplication;
import io.mallbots.payments.ports.grpc.PaymentsGrpcServer;
import io.mallbots.payments.ports.handlers.PaymentsCommandHandlers;
import io.mallbots.payments.ports.handlers.PaymentsEventHandlers;
import io.mallbots.payments.v1.PaymentsContract;
import io.mallbots.payments.v1.PaymentsServiceGrpcService;
import io.vertx.core.Future;
import java.util.Map;

/**
 * The payments service: its repositories, application, API, saga command handler and order
 * subscription.
 */
public final class PaymentsVerticle extends ServiceVerticle<Settings> {

  public static final String SERVICE = "payments";

  public PaymentsVerticle(Map<String, String> overrides) {
    super(SERVICE, overrides, settings -> settings);
  }

  @Override
  protected Future<Void> wire(ServiceAgent agent, Settings settings) {
    var database = agent.database();
    var app =
        new PaymentsApplication(
            database, new PgPayments(database), new PgInvoices(database), new PgCanceledOrders());
    agent.serve(PaymentsServiceGrpcService.SERVICE_DESCRIPTOR, new PaymentsGrpcServer(app));
    return Future.all(
            agent.handleCommands(
                PaymentsContract.COMMANDS,
                PaymentsCommandHandlers.GROUP,
                new PaymentsCommandHandlers(app)),
            agent.subscribe(
                OrderingContract.ORDER_EVENTS,
                PaymentsEventHandlers.ORDER_GROUP,
                new PaymentsEventHandlers(app)))
        .mapEmpty();
  }
}
