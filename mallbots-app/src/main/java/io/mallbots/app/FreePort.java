package io.mallbots.app;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;

/**
 * Makes sure a port the launcher is about to give an embedded server is free. Without this check a
 * second {@code make run} on the same machine found the first one's PostgreSQL and Kafka answering
 * on the port and took them for its own.
 */
final class FreePort {

  private FreePort() {}

  /**
   * Fails, naming the setting that moves it, when something listens on {@code port} of 127.0.0.1.
   */
  static int require(int port, String server, String setting) {
    if (!isFree(port)) {
      throw new IllegalStateException(
          String.format(
              "port %d for the embedded %s is taken (another make run?): "
                  + "stop it, or set %s to a free port",
              port, server, setting));
    }
    return port;
  }

  /**
   * Waits, up to {@code timeout}, for a server that was just stopped to have let go of {@code
   * port}.
   */
  static void awaitFree(int port, Duration timeout) {
    Instant deadline = Instant.now().plus(timeout);
    while (!isFree(port) && Instant.now().isBefore(deadline)) {
      try {
        Thread.sleep(100); // before any event loop exists, like the rest of the launcher's start
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private static boolean isFree(int port) {
    try (ServerSocket probe = new ServerSocket()) {
      probe.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
      return true;
    } catch (IOException taken) {
      return false;
    }
  }
}
