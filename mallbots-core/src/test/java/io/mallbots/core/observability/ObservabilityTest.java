package io.mallbots.core.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Tracing is configured the way OpenTelemetry users expect: the standard settings ({@code OTEL_*}
 * variables, or the matching system properties) pick the service name and the exporter, and spans
 * reach an OTLP/gRPC collector.
 */
class ObservabilityTest {

  /** What an OTLP collector received: the request path and the protobuf body. */
  private record Export(String path, String contentType, Buffer body) {}

  private final List<Export> received = new CopyOnWriteArrayList<>();
  private Vertx vertx;
  private HttpServer collector;

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
    // An OTLP/gRPC receiver: HTTP/2 without TLS (prior knowledge), one empty
    // ExportTraceServiceResponse, status OK.
    collector =
        vertx
            .createHttpServer()
            .requestHandler(
                request ->
                    request
                        .body()
                        .onSuccess(
                            body -> {
                              received.add(
                                  new Export(
                                      request.path(), request.getHeader("content-type"), body));
                              request
                                  .response()
                                  .putHeader("content-type", "application/grpc")
                                  .putTrailer("grpc-status", "0")
                                  .end(Buffer.buffer(new byte[5]));
                            }))
            .listen(0, "127.0.0.1")
            .await();
  }

  @AfterEach
  void stop() {
    System.clearProperty("otel.service.name");
    vertx.close().await();
  }

  @Test
  void spans_go_to_an_otlp_grpc_collector_under_the_service_name_otel_settings_give() {
    System.setProperty("otel.service.name", "checkout-edge"); // as OTEL_SERVICE_NAME would
    OpenTelemetrySdk sdk =
        Observability.openTelemetry(
            "mallbots-baskets",
            "http://127.0.0.1:" + collector.actualPort(),
            Map.of("otel.exporter.otlp.protocol", "grpc"));
    try {
      sdk.getTracer("test").spanBuilder("CheckoutBasket").startSpan().end();
      sdk.getSdkTracerProvider().forceFlush().join(10, TimeUnit.SECONDS);

      await().atMost(Duration.ofSeconds(10)).until(() -> !received.isEmpty());
      Export export = received.get(0);
      assertThat(export.path())
          .isEqualTo("/opentelemetry.proto.collector.trace.v1.TraceService/Export");
      assertThat(export.contentType()).startsWith("application/grpc");
      String body = export.body().toString(StandardCharsets.ISO_8859_1);
      assertThat(body)
          .contains("checkout-edge")
          .contains("CheckoutBasket")
          .doesNotContain("mallbots-baskets");
    } finally {
      sdk.close();
    }
  }

  @Test
  void without_an_endpoint_nothing_is_exported_and_the_service_name_is_mallbots_own() {
    OpenTelemetrySdk sdk = Observability.openTelemetry("mallbots-baskets", null, Map.of());
    try {
      sdk.getTracer("test").spanBuilder("CheckoutBasket").startSpan().end();
      sdk.getSdkTracerProvider().forceFlush().join(10, TimeUnit.SECONDS);

      assertThat(sdk.getSdkTracerProvider().toString()).contains("mallbots-baskets");
      assertThat(received).isEmpty();
    } finally {
      sdk.close();
    }
  }
}
