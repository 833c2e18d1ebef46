package io.mallbots.bench.stack;

import io.mallbots.core.config.CoreSettings;
import io.mallbots.core.config.PostgresSettings;
import io.vertx.core.net.SocketAddress;
import java.util.List;

/**
 * The system the benchmark drives: where its gRPC endpoints are, which broker and event namespace
 * it uses (so the benchmark can watch its order events), where its PostgreSQL is (for the limit
 * probes), and which processes make it up (for CPU and RSS).
 */
public interface MallUnderTest extends AutoCloseable {

  /**
   * The gRPC address of {@code service} (users, stores, payments, baskets, ordering, search, ...).
   */
  SocketAddress grpc(String service);

  /**
   * Settings naming the system's broker and {@code EVENT_NAMESPACE}, for an event stream of the
   * bench's own ({@code EventStreams.connect}).
   */
  CoreSettings brokerSettings();

  /**
   * The database {@code service} uses, with its pool settings; probes put schemas of their own next
   * to it.
   */
  PostgresSettings database(String service);

  /** The processes of the system under test (in-process: this JVM and the servers it started). */
  List<SystemProcess> processes();

  /** What runs, for the report: e.g. "in-process, 7 services, embedded PostgreSQL, local Kafka". */
  String description();

  /**
   * Whether the services take only callers with an access token ({@code AUTH_REQUIRED=true}, as in
   * compose and Kubernetes): then the shoppers log in like real clients and call with their own
   * tokens.
   */
  boolean requiresAccessTokens();

  /** How many instances of each service run, in how many JVMs, with which heap. */
  Deployment deployment();

  /**
   * Stops the services but keeps PostgreSQL and the broker, so the limit probes get the machine and
   * the database connections to themselves. A running system is left alone. From a plain thread.
   */
  default void stopServices() {}

  /** One process of the system under test. */
  record SystemProcess(String role, long pid) {}
}
