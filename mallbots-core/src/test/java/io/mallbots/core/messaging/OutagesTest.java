package io.mallbots.core.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.sqlclient.ClosedConnectionException;
import java.io.IOException;
import java.net.ConnectException;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.common.errors.BrokerNotAvailableException;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.NetworkException;
import org.apache.kafka.common.errors.NotEnoughReplicasException;
import org.apache.kafka.common.errors.NotLeaderOrFollowerException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

/** Which failures are an outage (wait, charge nothing) and which are the message's own. */
class OutagesTest {

  @Test
  void a_broker_that_is_unreachable_or_without_a_leader_is_an_outage_on_both_brokers() {
    assertThat(
            List.of(
                new IOException("Error Publishing: 503 No Responders Available For Request"),
                new CompletionException(new IOException("Error Publishing: 503 No Responders")),
                new TimeoutException("Future cancelled, response not registered in time"),
                new IllegalStateException("Connection is Closed"),
                new ConnectException("Connection refused"),
                new org.apache.kafka.common.errors.TimeoutException("Expiring 3 record(s)"),
                new NotLeaderOrFollowerException("leader moved"),
                new NetworkException("disconnected"),
                new NotEnoughReplicasException("1 in sync, 2 required"),
                new BrokerNotAvailableException("no broker"),
                new RuntimeException("wrapped", ClosedConnectionException.INSTANCE)))
        .allMatch(Outages::isBrokerOutage);
  }

  @Test
  void a_message_the_broker_refuses_for_its_own_reasons_is_no_outage() {
    assertThat(
            List.of(
                new RecordTooLargeException("2000000 bytes"),
                new SerializationException("cannot serialize"),
                new InvalidTopicException("bad topic"),
                new IllegalArgumentException("Message payload size exceed server configuration"),
                new IllegalStateException("event stream closed"),
                new RuntimeException("a bug")))
        .noneMatch(Outages::isBrokerOutage);
  }

  @Test
  void a_handler_failure_counts_only_database_and_service_outages_not_broker_errors() {
    assertThat(Outages.isOutage(new ConnectException("refused"))).isTrue();
    assertThat(Outages.isOutage(new IOException("Error Publishing: 503 No Responders"))).isFalse();
  }
}
