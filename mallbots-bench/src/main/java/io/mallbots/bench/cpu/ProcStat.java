package io.mallbots.bench.cpu;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * One line of {@code /proc/<pid>/stat}: the parent and the CPU clock ticks of a process, its own
 * ({@code utime}, {@code stime}) and those of its children that ended and were waited for ({@code
 * cutime}, {@code cstime}). Linux only; a process that is gone or unreadable reads as empty.
 */
record ProcStat(long pid, String name, long parent, long ownTicks, long reapedChildrenTicks) {

  /** Clock ticks per second of {@code /proc/<pid>/stat} (USER_HZ, 100 on Linux). */
  static final double TICKS_PER_SECOND = 100.0;

  static Optional<ProcStat> of(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      // The command name is in parentheses and may hold spaces: the fields follow the last ')'.
      int open = stat.indexOf('(');
      int close = stat.lastIndexOf(')');
      String[] fields = stat.substring(close + 2).split(" ");
      return Optional.of(
          new ProcStat(
              pid,
              stat.substring(open + 1, close),
              Long.parseLong(fields[1]),
              Long.parseLong(fields[11]) + Long.parseLong(fields[12]),
              Long.parseLong(fields[13]) + Long.parseLong(fields[14])));
    } catch (IOException | RuntimeException gone) {
      return Optional.empty();
    }
  }

  /** Its own CPU seconds plus those of its children that ended and were waited for. */
  double seconds() {
    return (ownTicks + reapedChildrenTicks) / TICKS_PER_SECOND;
  }

  /** Its own CPU seconds (its threads), without any child's. */
  double ownSeconds() {
    return ownTicks / TICKS_PER_SECOND;
  }

  /** {@code VmRSS} of {@code /proc/<pid>/status} in bytes, or empty. */
  static Optional<Long> rssBytes(long pid) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
        if (line.startsWith("VmRSS:")) {
          return Optional.of(Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024);
        }
      }
    } catch (IOException | RuntimeException gone) {
      // the process ended
    }
    return Optional.empty();
  }
}
