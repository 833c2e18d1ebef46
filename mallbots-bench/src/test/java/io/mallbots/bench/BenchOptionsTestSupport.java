package io.mallbots.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

/** Reading picocli's usage text in the options tests. */
public final class BenchOptionsTestSupport {

  private BenchOptionsTestSupport() {}

  /** The lines of {@code usage} from {@code option}'s own line to the next option's. */
  public static String helpOf(String usage, String option) {
    List<String> lines = usage.lines().toList();
    StringBuilder help = new StringBuilder();
    boolean in = false;
    for (String line : lines) {
      String trimmed = line.trim();
      if (trimmed.startsWith("--")) {
        in =
            trimmed.startsWith(option + "=")
                || trimmed.startsWith(option + "[")
                || trimmed.startsWith(option + " ");
      }
      if (in) {
        help.append(line).append('\n');
      }
    }
    assertThat(help).as("help of " + option).isNotEmpty();
    return help.toString();
  }
}
