package io.mallbots.bench.stack;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Free ports for the processes a run starts (service JVMs, private brokers), and waiting until a
 * child process listens. Blocking.
 */
public final class Ports {

  private Ports() {}

  /**
   * Below Linux's ephemeral range (32768-60999) and above the standard ports (5010-29092) of other
   * runs.
   */
  private static final int LOWEST = 30000;

  private static final int HIGHEST = 32700;

  /**
   * A port nobody listens on now, below the ephemeral range: a killed service or a restarted broker
   * binds its port again, and an ephemeral port may meanwhile be the local end of some outgoing
   * connection.
   */
  public static int free() {
    return freeRun(1);
  }

  /**
   * A port {@code p} with {@code p + 1} free too (Kafka's controller listens next to its broker).
   */
  public static int freePair() {
    return freeRun(2);
  }

  /**
   * Ports handed out in this JVM: a port is bound only when its process starts, so without this two
   * services of one run could draw the same free port, and the second would fail to start, again
   * and again.
   */
  private static final Set<Integer> GIVEN = new HashSet<>();

  private static synchronized int freeRun(int length) {
    for (int tries = 0; tries < 200; tries++) {
      int first = ThreadLocalRandom.current().nextInt(LOWEST, HIGHEST);
      boolean allFree = true;
      for (int port = first; port < first + length && allFree; port++) {
        allFree = !GIVEN.contains(port) && bindable(port);
      }
      if (allFree) {
        for (int port = first; port < first + length; port++) {
          GIVEN.add(port);
        }
        return first;
      }
    }
    throw new IllegalStateException("no free port between " + LOWEST + " and " + HIGHEST);
  }

  private static boolean bindable(int port) {
    try (ServerSocket socket = new ServerSocket()) {
      socket.bind(new InetSocketAddress("127.0.0.1", port));
      return true;
    } catch (IOException taken) {
      return false;
    }
  }

  /**
   * Waits until something accepts on {@code port} of 127.0.0.1, failing early if {@code process}
   * died.
   */
  public static void awaitListening(int port, Process process, Duration timeout, String what)
      throws IOException, InterruptedException {
    Instant deadline = Instant.now().plus(timeout);
    while (Instant.now().isBefore(deadline)) {
      if (process != null && !process.isAlive()) {
        throw new IOException(what + " exited before it listened on " + port);
      }
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
        return;
      } catch (IOException notYet) {
        // A child process's port, polled from the fault thread, never an event loop.
        Thread.sleep(100);
      }
    }
    throw new IOException(
        what + " did not listen on " + port + " within " + timeout.toSeconds() + " s");
  }
}
