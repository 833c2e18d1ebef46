package io.mallbots.app;

import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.TimeUnit;

/**
 * The main of the launcher's Kafka child: {@code kafka.Kafka}, plus a watch on stdin, the pipe from
 * the launcher. When the launcher dies, even by SIGKILL, the kernel closes that pipe and the broker
 * goes too, instead of holding its port and data from the next {@code make run}.
 */
final class KafkaChild {

  /** How long the broker may take to stop cleanly once its launcher is gone; then it is halted. */
  static final long CLEAN_STOP_SECONDS = 10;

  private KafkaChild() {}

  public static void main(String[] args) {
    Thread watch =
        new Thread(
            () -> {
              awaitEndOfInput(System.in);
              Thread halt =
                  new Thread(
                      () -> {
                        try {
                          TimeUnit.SECONDS.sleep(CLEAN_STOP_SECONDS);
                        } catch (InterruptedException ignored) {
                          // halting now is as good
                        }
                        Runtime.getRuntime().halt(1);
                      },
                      "launcher-gone-halt");
              halt.setDaemon(true);
              halt.start();
              System.err.println("the launcher is gone: stopping the broker");
              // Runs Kafka's shutdown hook (a clean broker stop); the daemon above ends it if that
              // hangs.
              System.exit(0);
            },
            "launcher-watch");
    watch.setDaemon(true);
    watch.start();
    kafka.Kafka.main(args);
  }

  private static void awaitEndOfInput(InputStream input) {
    byte[] ignored = new byte[256];
    try {
      while (input.read(ignored) != -1) {
        // the launcher writes nothing; only the end of the stream matters
      }
    } catch (IOException closed) {
      // a broken pipe means the same: the launcher is gone
    }
  }
}
