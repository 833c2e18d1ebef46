package io.mallbots.bench.report;

import io.mallbots.bench.stack.MallUnderTest.SystemProcess;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * CPU and memory of the system under test, from {@code /proc}: CPU time ({@code utime + stime} of
 * {@code /proc/<pid>/stat}, children that were waited for included) and resident memory ({@code
 * VmRSS} of {@code /proc/<pid>/status}) of each of its processes together with their descendants (a
 * PostgreSQL postmaster's backends), plus this JVM's heap when the system runs in it. Sample at the
 * start of the measured phase, then every second, then at its end.
 */
public final class SystemResources {

  /** Clock ticks per second of {@code /proc/<pid>/stat} (USER_HZ, 100 on Linux). */
  private static final double TICKS_PER_SECOND = 100.0;

  private final List<SystemProcess> processes;
  private final boolean inThisJvm;
  private final Map<String, Double> startCpuSeconds = new LinkedHashMap<>();
  private final Map<String, Long> peakRssBytes = new LinkedHashMap<>();
  private long startNanos;
  private long peakHeapBytes;

  public SystemResources(List<SystemProcess> processes, boolean inThisJvm) {
    this.processes = processes;
    this.inThisJvm = inThisJvm;
  }

  /** Starts the measured interval. */
  public synchronized void start() {
    startNanos = System.nanoTime();
    for (SystemProcess process : processes) {
      startCpuSeconds.put(process.role(), cpuSeconds(process.pid()));
      peakRssBytes.put(process.role(), rssBytes(process.pid()));
    }
    peakHeapBytes = heapUsed();
  }

  /** Takes a sample of the peaks (RSS, heap). Cheap; call once a second. */
  public synchronized void sample() {
    for (SystemProcess process : processes) {
      peakRssBytes.merge(process.role(), rssBytes(process.pid()), Math::max);
    }
    peakHeapBytes = Math.max(peakHeapBytes, heapUsed());
  }

  /** Usage over the interval since {@link #start()}. */
  public synchronized Usage stop() {
    sample();
    double seconds = (System.nanoTime() - startNanos) / 1e9;
    List<ProcessUsage> usages = new ArrayList<>();
    for (SystemProcess process : processes) {
      double cpu = cpuSeconds(process.pid()) - startCpuSeconds.getOrDefault(process.role(), 0.0);
      usages.add(
          new ProcessUsage(
              process.role(),
              process.pid(),
              cpu,
              seconds > 0 ? 100 * cpu / seconds : 0,
              rssBytes(process.pid()),
              peakRssBytes.getOrDefault(process.role(), 0L)));
    }
    Runtime runtime = Runtime.getRuntime();
    Heap heap = inThisJvm ? new Heap(peakHeapBytes, runtime.maxMemory()) : null;
    return new Usage(seconds, usages, heap, Runtime.getRuntime().availableProcessors());
  }

  /**
   * What the system used.
   *
   * @param seconds length of the interval
   * @param processes per process (with its descendants)
   * @param heap this JVM's heap when the services run in it, else {@code null}
   * @param cores processors of the machine
   */
  public record Usage(double seconds, List<ProcessUsage> processes, Heap heap, int cores) {}

  /**
   * One process: CPU seconds in the interval, as % of one core, and its resident memory now and at
   * peak.
   */
  public record ProcessUsage(
      String role,
      long pid,
      double cpuSeconds,
      double cpuPercent,
      long rssBytes,
      long peakRssBytes) {}

  /** Heap used at peak (sampled once a second) and the configured maximum ({@code -Xmx}). */
  public record Heap(long peakUsedBytes, long maxBytes) {}

  private static double cpuSeconds(long pid) {
    return family(pid).mapToDouble(SystemResources::ownCpuSeconds).sum();
  }

  private static long rssBytes(long pid) {
    return family(pid).mapToLong(SystemResources::ownRssBytes).sum();
  }

  private static Stream<Long> family(long pid) {
    return ProcessHandle.of(pid)
        .map(p -> Stream.concat(Stream.of(pid), p.descendants().map(ProcessHandle::pid)))
        .orElse(Stream.empty());
  }

  private static double ownCpuSeconds(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      // Fields after the command name, which is in parentheses and may hold spaces.
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      long utime = Long.parseLong(fields[11]);
      long stime = Long.parseLong(fields[12]);
      return (utime + stime) / TICKS_PER_SECOND;
    } catch (IOException | RuntimeException gone) {
      return 0;
    }
  }

  private static long ownRssBytes(long pid) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
        }
      }
    } catch (IOException | RuntimeException gone) {
      // the process ended
    }
    return 0;
  }

  private static long heapUsed() {
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }
}
