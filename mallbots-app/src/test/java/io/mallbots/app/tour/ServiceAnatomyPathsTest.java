package io.mallbots.app.tour;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Keeps docs/service-anatomy.md true to the tree: every repository path it gives in backticks (one
 * ending in .java, .sql, .proto or .md, or one starting with {@code mallbots-}) must exist, so
 * renaming or moving a file the page names fails the build until the page follows. Placeholders
 * such as {@code mallbots-<svc>/} are not paths and are skipped; so is the fenced module block,
 * which speaks in placeholders.
 */
class ServiceAnatomyPathsTest {

  private static final Pattern FENCED = Pattern.compile("```.*?```", Pattern.DOTALL);
  private static final Pattern BACKTICKED = Pattern.compile("`([^`\\n]+)`");
  private static final String SECTION = "## Follow a checkout";

  @Test
  void every_path_the_page_names_exists() throws IOException {
    Path root = repositoryRoot();
    List<String> paths = paths(Files.readString(root.resolve("docs/service-anatomy.md")));

    assertThat(paths)
        .as("paths found on the page (is the extraction still working?)")
        .hasSizeGreaterThan(20);
    assertThat(missing(root, paths))
        .as("paths docs/service-anatomy.md names that are not in the repository")
        .isEmpty();
  }

  @Test
  void the_checkout_is_followed_from_the_grpc_server_to_order_approved() throws IOException {
    String page = Files.readString(repositoryRoot().resolve("docs/service-anatomy.md"));
    assertThat(page).contains(SECTION);
    List<String> steps = paths(page.substring(page.indexOf(SECTION)).split("\n## ", 2)[0]);

    assertThat(steps).as("paths of the checkout's steps").isNotEmpty();
    assertThat(steps.get(0)).endsWith("/baskets/ports/grpc/BasketsGrpcServer.java");
    assertThat(steps)
        .anyMatch(path -> path.endsWith("/ordering/domain/OrderApproved.java"))
        .anyMatch(path -> path.endsWith("/ordering/adapters/saga/CreateOrderSaga.java"))
        .anyMatch(path -> path.endsWith("/ordering/adapters/pg/OrderingMessages.java"));
  }

  /** The check itself: a renamed file is reported, a placeholder is not taken for a path. */
  @Test
  void a_renamed_file_is_reported_and_a_placeholder_is_skipped() {
    String page =
        """
        Start at `mallbots-baskets/src/main/java/io/mallbots/baskets/ports/grpc/BasketsGrpcServer.java`, then
        `mallbots-baskets/src/main/java/io/mallbots/baskets/ports/grpc/BasketsGrpcServerRenamed.java`;
        every `mallbots-<svc>/app.env` has its `GRPC_SERVER_PORT`, see `docs/security.md`.
        ```
        `mallbots-baskets/NotAPathInTheBlock.java`
        ```
        """;
    List<String> paths = paths(page);

    assertThat(paths)
        .containsExactly(
            "mallbots-baskets/src/main/java/io/mallbots/baskets/ports/grpc/BasketsGrpcServer.java",
            "mallbots-baskets/src/main/java/io/mallbots/baskets/ports/grpc/BasketsGrpcServerRenamed.java",
            "docs/security.md");
    assertThat(missing(repositoryRoot(), paths))
        .containsExactly(
            "mallbots-baskets/src/main/java/io/mallbots/baskets/ports/grpc/BasketsGrpcServerRenamed.java");
  }

  /** Backticked repository paths outside fenced blocks, in page order, each once. */
  static List<String> paths(String markdown) {
    Set<String> found = new LinkedHashSet<>();
    Matcher span = BACKTICKED.matcher(FENCED.matcher(markdown).replaceAll(""));
    while (span.find()) {
      String text = span.group(1).strip();
      boolean placeholder = text.contains("<") || text.contains("*") || text.contains(" ");
      boolean path =
          text.startsWith("mallbots-")
              || text.endsWith(".java")
              || text.endsWith(".sql")
              || text.endsWith(".proto")
              || text.endsWith(".md");
      if (path && !placeholder) {
        found.add(text);
      }
    }
    return new ArrayList<>(found);
  }

  /**
   * Those of {@code paths} that are not there: a named file must be a file, a module or folder must
   * exist.
   */
  private static List<String> missing(Path root, List<String> paths) {
    return paths.stream()
        .filter(
            path -> {
              Path there = root.resolve(path);
              return path.contains(".") && !path.endsWith("/")
                  ? !Files.isRegularFile(there)
                  : !Files.exists(there);
            })
        .toList();
  }

  /** The repository's root: the first folder up from here with the README and the protos. */
  private static Path repositoryRoot() {
    Path dir = Path.of("").toAbsolutePath();
    while (!Files.exists(dir.resolve("README.md")) || !Files.isDirectory(dir.resolve("protos"))) {
      dir = dir.getParent();
    }
    return dir;
  }
}
