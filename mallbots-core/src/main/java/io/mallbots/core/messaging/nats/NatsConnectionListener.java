package io.mallbots.core.messaging.nats;

import io.nats.client.Connection;
import io.nats.client.ConnectionListener;
import io.nats.client.Consumer;
import io.nats.client.ErrorListener;
import io.nats.client.JetStreamSubscription;
import io.nats.client.support.Status;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * jnats reports connection events and asynchronous errors here: into our log instead of JUL.
 *
 * <p>Who calls it: jnats, on its own threads, for the connection {@link NatsEventStream#connect}
 * opens.
 */
final class NatsConnectionListener implements ErrorListener, ConnectionListener {
  private static final Logger natsLog =
      LoggerFactory.getLogger("io.mallbots.core.messaging.nats.jnats");

  @Override
  public void connectionEvent(Connection connection, Events event) {
    switch (event) {
      case DISCONNECTED -> natsLog.warn("NATS disconnected");
      case RECONNECTED -> natsLog.info("NATS reconnected");
      case CLOSED -> natsLog.debug("NATS connection closed");
      default -> natsLog.debug("NATS {}", event);
    }
  }

  @Override
  public void errorOccurred(Connection connection, String error) {
    natsLog.warn("NATS error: {}", error);
  }

  @Override
  public void exceptionOccurred(Connection connection, Exception exp) {
    natsLog.warn("NATS exception: {}", exp.toString());
  }

  @Override
  public void slowConsumerDetected(Connection connection, Consumer consumer) {
    natsLog.warn("NATS slow consumer: messages dropped");
  }

  @Override
  public void heartbeatAlarm(
      Connection conn,
      JetStreamSubscription sub,
      long lastStreamSequence,
      long lastConsumerSequence) {
    natsLog.warn(
        "JetStream heartbeat missed (consumer sequence {}): pulling again", lastConsumerSequence);
  }

  @Override
  public void pullStatusError(Connection conn, JetStreamSubscription sub, Status status) {
    natsLog.warn("JetStream pull error: {}", status.getMessageWithCode());
  }

  @Override
  public void unhandledStatus(Connection conn, JetStreamSubscription sub, Status status) {
    natsLog.warn("JetStream status: {}", status.getMessageWithCode());
  }
}
