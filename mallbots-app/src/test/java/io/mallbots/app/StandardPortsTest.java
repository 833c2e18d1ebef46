package io.mallbots.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.mallbots.core.config.StandardPorts;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * Each service's {@code app.env} (what its own JVM, compose and {@code make run-services} start it
 * with) repeats its ports as literals: they must be the ones of the table the Java code reads.
 */
class StandardPortsTest {

  @Test
  void every_service_has_standard_ports_and_its_app_env_agrees() throws IOException {
    assertThat(StandardPorts.grpc().keySet())
        .containsExactlyInAnyOrderElementsOf(ServiceCatalog.names());
    for (String service : ServiceCatalog.names()) {
      Properties appEnv = appEnv(service);
      assertThat(appEnv.getProperty("GRPC_SERVER_PORT"))
          .as(service + " GRPC_SERVER_PORT")
          .isEqualTo(Integer.toString(StandardPorts.grpc(service)));
      assertThat(appEnv.getProperty("HTTP_SERVER_PORT"))
          .as(service + " HTTP_SERVER_PORT")
          .isEqualTo(Integer.toString(StandardPorts.http(service)));
      assertThat(appEnv.getProperty("POSTGRES_PORT"))
          .as(service + " POSTGRES_PORT")
          .isEqualTo(Integer.toString(StandardPorts.POSTGRES));
      assertThat(appEnv.getProperty("KAFKA_BROKERS"))
          .as(service + " KAFKA_BROKERS")
          .isEqualTo(StandardPorts.kafkaBrokers());
      assertThat(appEnv.getProperty("NATS_URL"))
          .as(service + " NATS_URL")
          .isEqualTo(StandardPorts.natsUrl());
    }
  }

  private static Properties appEnv(String service) throws IOException {
    try (InputStream in =
        StandardPortsTest.class
            .getClassLoader()
            .getResourceAsStream("mallbots/" + service + "/app.env")) {
      assertThat(in).as("mallbots/" + service + "/app.env on the classpath").isNotNull();
      Properties properties = new Properties();
      properties.load(new StringReader(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
      return properties;
    }
  }
}
