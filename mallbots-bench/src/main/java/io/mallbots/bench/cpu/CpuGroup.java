package io.mallbots.bench.cpu;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Processes whose CPU the report adds up under one name: {@code services}, {@code postgres}, {@code
 * broker} or {@code driver}. {@code cpuSeconds} reads a running total (read it at the start and at
 * the end of an interval); empty when a process of the group cannot be read, so the report says n/a
 * instead of a number that is too low.
 *
 * @param name services, postgres, broker or driver
 * @param what which processes, for the report (e.g. "PostgreSQL postmaster (pid 2237) and its
 *     children")
 * @param pids the processes' ids (for a group of this JVM's threads: this JVM's)
 * @param cpuSeconds CPU seconds used so far (user + system), or empty
 * @param rssBytes resident memory now, or empty when unreadable or not the group's own
 */
public record CpuGroup(
    String name,
    String what,
    List<Long> pids,
    Supplier<Optional<Double>> cpuSeconds,
    Supplier<Optional<Long>> rssBytes) {

  /**
   * Processes with all their descendants, counted as they come and go: the CPU of each living one
   * plus what its children that ended left in {@code cutime}/{@code cstime} once waited for (the
   * postmaster waits for each PostgreSQL backend that ends). So a backend that starts and ends
   * between two readings still counts; a process whose parent did not wait for it does not.
   */
  public static CpuGroup processTrees(String name, String what, List<Long> roots) {
    return new CpuGroup(
        name,
        what,
        List.copyOf(roots),
        () -> {
          if (roots.stream().anyMatch(root -> ProcStat.of(root).isEmpty())) {
            return Optional.empty();
          }
          return Optional.of(
              family(roots)
                  .map(ProcStat::of)
                  .flatMap(Optional::stream)
                  .mapToDouble(ProcStat::seconds)
                  .sum());
        },
        () -> {
          if (roots.stream().anyMatch(root -> ProcStat.rssBytes(root).isEmpty())) {
            return Optional.empty();
          }
          return Optional.of(
              family(roots)
                  .map(ProcStat::rssBytes)
                  .flatMap(Optional::stream)
                  .mapToLong(Long::longValue)
                  .sum());
        });
  }

  /**
   * This JVM's own CPU (all its threads, no child process) without that of {@code excluded}: the
   * services when the bench's load driver runs in the same JVM.
   */
  public static CpuGroup thisJvmWithout(String name, String what, List<Thread> excluded) {
    long self = ProcessHandle.current().pid();
    return new CpuGroup(
        name,
        what,
        List.of(self),
        () ->
            ProcStat.of(self).map(stat -> stat.ownSeconds() - threadSeconds(excluded).orElse(0.0)),
        () -> ProcStat.rssBytes(self));
  }

  /** This JVM's own CPU, all its threads (a bench that drives a system running elsewhere). */
  public static CpuGroup thisJvm(String name, String what) {
    return thisJvmWithout(name, what, List.of());
  }

  /** Threads of this JVM (the load driver's): their CPU, and no memory of their own. */
  public static CpuGroup threads(String name, String what, List<Thread> threads) {
    return new CpuGroup(
        name,
        what,
        List.of(ProcessHandle.current().pid()),
        () -> threadSeconds(threads),
        Optional::empty);
  }

  /** A group that could not be found: n/a, and why. */
  public static CpuGroup missing(String name, String why) {
    return new CpuGroup(name, why, List.of(), Optional::empty, Optional::empty);
  }

  private static Stream<Long> family(List<Long> roots) {
    return roots.stream()
        .flatMap(
            root ->
                Stream.concat(
                    Stream.of(root),
                    ProcessHandle.of(root).stream()
                        .flatMap(ProcessHandle::descendants)
                        .map(ProcessHandle::pid)))
        .distinct();
  }

  @SuppressWarnings("deprecation") // Thread.getId: threadId() is Java 19+
  private static Optional<Double> threadSeconds(List<Thread> threads) {
    ThreadMXBean bean = ManagementFactory.getThreadMXBean();
    if (!bean.isThreadCpuTimeSupported()) {
      return Optional.empty();
    }
    long nanos =
        threads.stream()
            .mapToLong(thread -> Math.max(0, bean.getThreadCpuTime(thread.getId())))
            .sum();
    return Optional.of(nanos / 1e9);
  }
}
