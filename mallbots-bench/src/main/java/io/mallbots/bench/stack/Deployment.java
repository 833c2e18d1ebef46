package io.mallbots.bench.stack;

import java.util.List;

/**
 * How the services under test run, for the report: how many instances of each and in how many JVMs.
 *
 * @param target in-process, processes or running
 * @param instances instances of each service, or {@code null} when not known (a running system)
 * @param serviceJvms JVMs the services run in (in-process: 1, the bench's own), or {@code null}
 *     when not known
 * @param jvmOptions the options of each service JVM (heap), empty when not known
 */
public record Deployment(
    String target, Integer instances, Integer serviceJvms, List<String> jvmOptions) {

  /** In a sentence: "14 JVMs: 2 instances of each of the 7 services, -Xmx256m each". */
  public String text() {
    if (serviceJvms == null) {
      return "not known (a running system: its processes are the ones --sut-pid names)";
    }
    String options = jvmOptions.isEmpty() ? "" : ", " + String.join(" ", jvmOptions);
    if (target.equals("in-process")) {
      return serviceJvms + " JVM: every service in the bench's own" + options;
    }
    return serviceJvms
        + " JVMs: "
        + instances
        + (instances == 1 ? " instance" : " instances")
        + " of each service, one JVM each"
        + (options.isEmpty() ? "" : options + " each");
  }
}
