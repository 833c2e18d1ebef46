package io.mallbots.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A file naming a process the launcher is responsible for (itself, its Kafka child), so that the
 * next launcher can tell whether what a killed one left under {@code MALLBOTS_HOME} still runs. It
 * holds the pid and the start time: after a reboot the pid may belong to another program, whose
 * start time differs.
 */
final class PidFile implements AutoCloseable {

  private static final Duration SAME_START = Duration.ofSeconds(2);

  private final Path path;

  private PidFile(Path path) {
    this.path = path;
  }

  /** Writes {@code process} to {@code path}; closing deletes the file. */
  static PidFile write(Path path, ProcessHandle process) throws IOException {
    Files.createDirectories(path.getParent());
    long started = process.info().startInstant().map(Instant::toEpochMilli).orElse(0L);
    Files.writeString(path, process.pid() + " " + started + "\n");
    return new PidFile(path);
  }

  /**
   * The process {@code path} names when it still runs (the same one: same start time), else empty.
   */
  static Optional<ProcessHandle> live(Path path) throws IOException {
    if (!Files.exists(path)) {
      return Optional.empty();
    }
    String[] fields = Files.readString(path).trim().split("\\s+");
    long pid;
    long started;
    try {
      pid = Long.parseLong(fields[0]);
      started = fields.length > 1 ? Long.parseLong(fields[1]) : 0;
    } catch (NumberFormatException torn) {
      return Optional.empty();
    }
    return ProcessHandle.of(pid)
        .filter(ProcessHandle::isAlive)
        .filter(
            process ->
                started == 0
                    || process
                        .info()
                        .startInstant()
                        .map(
                            start ->
                                Math.abs(start.toEpochMilli() - started) <= SAME_START.toMillis())
                        .orElse(true));
  }

  /**
   * Whether {@code process} runs the {@code java} launcher (false when the system does not tell).
   */
  static boolean isJava(ProcessHandle process) {
    return process
        .info()
        .command()
        .map(command -> Path.of(command).getFileName().toString().equals("java"))
        .orElse(false);
  }

  @Override
  public void close() throws IOException {
    Files.deleteIfExists(path);
  }
}
