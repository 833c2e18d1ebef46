package io.mallbots.bench.report;

import io.mallbots.bench.cpu.CpuGroup;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * CPU and memory of the system under test and of the load driver, per group of processes ({@link
 * CpuGroup}: services, postgres, broker, driver), from {@code /proc}: CPU time ({@code utime +
 * stime}, backends that came and went included) and resident memory ({@code VmRSS}), plus this
 * JVM's heap when the system runs in it. Start an interval, sample every second, then stop it; a
 * group that cannot be read is n/a ({@code null}).
 */
public final class SystemResources {

  private final List<CpuGroup> groups;
  private final boolean inThisJvm;
  private final Map<String, Double> startCpuSeconds = new LinkedHashMap<>();
  private final Map<String, Long> peakRssBytes = new LinkedHashMap<>();
  private long startNanos;
  private long peakHeapBytes;

  public SystemResources(List<CpuGroup> groups, boolean inThisJvm) {
    this.groups = List.copyOf(groups);
    this.inThisJvm = inThisJvm;
  }

  /** Starts a measured interval (again: the sweep's steps, then the measured phase). */
  public synchronized void start() {
    startNanos = System.nanoTime();
    startCpuSeconds.clear();
    peakRssBytes.clear();
    for (CpuGroup group : groups) {
      group.cpuSeconds().get().ifPresent(cpu -> startCpuSeconds.put(group.name(), cpu));
    }
    peakHeapBytes = 0;
    sample();
  }

  /** Takes a sample of the peaks (RSS, heap). Cheap; call once a second. */
  public synchronized void sample() {
    for (CpuGroup group : groups) {
      group.rssBytes().get().ifPresent(rss -> peakRssBytes.merge(group.name(), rss, Math::max));
    }
    peakHeapBytes = Math.max(peakHeapBytes, heapUsed());
  }

  /** Usage over the interval since {@link #start()}. */
  public synchronized Usage stop() {
    sample();
    double seconds = (System.nanoTime() - startNanos) / 1e9;
    List<ProcessUsage> usages = new ArrayList<>();
    for (CpuGroup group : groups) {
      Double start = startCpuSeconds.get(group.name());
      Optional<Double> end = group.cpuSeconds().get();
      Double cpu = start == null || end.isEmpty() ? null : Math.max(0, end.get() - start);
      usages.add(
          new ProcessUsage(
              group.name(),
              group.what(),
              group.pids(),
              cpu,
              cpu == null || seconds <= 0 ? null : 100 * cpu / seconds,
              group.rssBytes().get().orElse(null),
              peakRssBytes.get(group.name())));
    }
    Heap heap = inThisJvm ? new Heap(peakHeapBytes, Runtime.getRuntime().maxMemory()) : null;
    return new Usage(seconds, usages, heap, Runtime.getRuntime().availableProcessors());
  }

  /**
   * What the system used.
   *
   * @param seconds length of the interval
   * @param processes per group of processes
   * @param heap this JVM's heap when the services run in it, else {@code null}
   * @param cores processors of the machine
   */
  public record Usage(double seconds, List<ProcessUsage> processes, Heap heap, int cores) {}

  /**
   * One group of processes: CPU seconds in the interval and as % of one core, its resident memory
   * now and at peak; {@code null} where it could not be read.
   */
  public record ProcessUsage(
      String group,
      String what,
      List<Long> pids,
      Double cpuSeconds,
      Double cpuPercent,
      Long rssBytes,
      Long peakRssBytes) {}

  /** Heap used at peak (sampled once a second) and the configured maximum ({@code -Xmx}). */
  public record Heap(long peakUsedBytes, long maxBytes) {}

  private static long heapUsed() {
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }
}
