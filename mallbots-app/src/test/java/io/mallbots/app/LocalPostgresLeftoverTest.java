package io.mallbots.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the launcher makes of the pid files a killed run left, without servers: the cases that are
 * no server.
 */
class LocalPostgresLeftoverTest {

  @TempDir Path directory;

  @Test
  void
      a_postmaster_pid_naming_a_program_that_is_no_postgres_is_removed_and_that_program_left_alone()
          throws Exception {
    // After a reboot the pid of the lock file may belong to anything; here, this very JVM.
    Path lock = directory.resolve("postmaster.pid");
    Files.writeString(
        lock, ProcessHandle.current().pid() + "\n" + directory + "\n1700000000\n15432\n");

    LocalPostgres.stopLeftover(directory);

    assertThat(lock).doesNotExist();
    assertThat(ProcessHandle.current().isAlive()).isTrue();
  }

  @Test
  void a_postmaster_pid_naming_a_process_that_is_gone_is_left_to_postgres() throws Exception {
    Process gone = new ProcessBuilder("true").start();
    gone.waitFor();
    Path lock = directory.resolve("postmaster.pid");
    Files.writeString(lock, gone.pid() + "\n" + directory + "\n1700000000\n15432\n");

    LocalPostgres.stopLeftover(directory);

    assertThat(lock).exists();
  }

  @Test
  void a_pid_file_names_its_process_while_it_lives_and_not_a_later_one_with_the_same_pid()
      throws Exception {
    Path file = directory.resolve("launcher.pid");
    try (PidFile written = PidFile.write(file, ProcessHandle.current())) {
      assertThat(PidFile.live(file)).contains(ProcessHandle.current());
      assertThat(PidFile.isJava(ProcessHandle.current())).isTrue();
    }
    assertThat(file).doesNotExist();

    long earlier = Instant.now().minusSeconds(3600).toEpochMilli();
    Files.writeString(file, ProcessHandle.current().pid() + " " + earlier + "\n");
    assertThat(PidFile.live(file))
        .as("the same pid, started an hour later: another process")
        .isEmpty();
  }
}
