package io.mallbots.bench.chaos;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.time.Instant;

/** Free ports for the chaos run's own processes, and waiting until a child process listens. Blocking. */
final class Ports {

  private Ports() {
  }

  /** An ephemeral port nobody listens on now (the standard ones belong to other people's runs). */
  static int free() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException("no free port", e);
    }
  }

  /** Waits until something accepts on {@code port} of 127.0.0.1, failing early if {@code process} died. */
  static void awaitListening(int port, Process process, Duration timeout, String what) throws IOException, InterruptedException {
    Instant deadline = Instant.now().plus(timeout);
    while (Instant.now().isBefore(deadline)) {
      if (process != null && !process.isAlive()) {
        throw new IOException(what + " exited before it listened on " + port);
      }
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
        return;
      } catch (IOException notYet) {
        Thread.sleep(100); // a child process's port, polled from the fault thread, never an event loop
      }
    }
    throw new IOException(what + " did not listen on " + port + " within " + timeout.toSeconds() + " s");
  }
}
