package io.mallbots.bench.cpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Finding a server by the port it listens on, and reading a group's CPU, from Linux's /proc. */
class LocalProcessesTest {

  @Test
  void theProcessListeningOnAPortIsFoundAndItsCpuRead() throws Exception {
    assumeTrue(Files.isDirectory(Path.of("/proc/self/fd")), "Linux /proc only");
    long self = ProcessHandle.current().pid();
    try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      assertThat(LocalProcesses.serving("127.0.0.1", server.getLocalPort(), line -> false))
          .contains(self);
    }
    assertThat(LocalProcesses.serving("192.0.2.1", 5432, line -> true))
        .as("another host's server is not this machine's")
        .isEmpty();
    CpuGroup tree = CpuGroup.processTrees("services", "this JVM", List.of(self));
    assertThat(tree.cpuSeconds().get()).hasValueSatisfying(cpu -> assertThat(cpu).isPositive());
    assertThat(tree.rssBytes().get()).hasValueSatisfying(rss -> assertThat(rss).isPositive());
    assertThat(CpuGroup.processTrees("gone", "no such process", List.of(-1L)).cpuSeconds().get())
        .isEmpty();
  }

  @Test
  void aPostmasterIsToldFromItsBackends() {
    assertThat(
            LocalProcesses.postmaster(
                "/usr/lib/postgresql/15/bin/postgres -D /var/lib/postgresql/15/main -c x=y"))
        .isTrue();
    assertThat(LocalProcesses.postmaster("postgres: 15/main: checkpointer")).isFalse();
    assertThat(LocalProcesses.postmaster("/usr/bin/java -cp kafka.jar kafka.Kafka")).isFalse();
  }
}
