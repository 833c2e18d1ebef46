package io.mallbots.search.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mallbots.core.messaging.Message;
import io.mallbots.core.testing.RunningService;
import io.mallbots.search.adapters.pg.PgOrders;
import io.mallbots.search.agent.SearchVerticle;
import io.mallbots.search.domain.OrderView;
import io.mallbots.search.v1.SearchServiceGrpcClient;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The search service deployed for a test class ({@link RunningService}); events go in through its
 * broker as ordering, users and stores publish them, and what it recorded is read through its
 * repository.
 */
public final class RunningSearch extends RunningService<SearchVerticle> {

  private RunningSearch(Vertx vertx, String schemaPrefix, String eventServer) {
    super(vertx, schemaPrefix, eventServer, SearchVerticle::new);
  }

  /**
   * On {@code vertx} (e.g. injected by {@code VertxExtension}; null for one of its own) and {@code
   * eventServer}.
   */
  public static RunningSearch start(Vertx vertx, String schemaPrefix, String eventServer) {
    RunningSearch service = new RunningSearch(vertx, schemaPrefix, eventServer);
    service.start();
    return service;
  }

  public SearchServiceGrpcClient grpc() {
    return SearchServiceGrpcClient.create(grpcClient(), grpcAddress());
  }

  /** The order as the read model holds it (empty for unknown orders and placeholders). */
  public Optional<OrderView> order(String orderId) {
    return new PgOrders(database()).find(orderId).await();
  }

  /** Waits until {@code event} is among the dead letters, and checks that it had no effect. */
  public void deadLettered(List<Message> deadLetters, Message event) {
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> deadLetters.stream().anyMatch(m -> m.id().equals(event.id())));
    assertThat(taken(event)).isFalse();
  }
}
