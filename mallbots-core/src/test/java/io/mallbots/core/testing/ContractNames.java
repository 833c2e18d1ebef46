package io.mallbots.core.testing;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The rule every service's ArchitectureTest applies: the protos' {@code *Contract} classes own the
 * topic and envelope names, so no main source of the module types one out. A copy would not break
 * at compile time when the contract renames a message, and would silently miss it on the wire.
 * Bytecode keeps no trace of a constant's origin, so the rule reads the module's main sources
 * ({@code src/main/java}, run from the module's directory).
 */
public final class ContractNames {

  /**
   * A topic ({@code "mallbots.<svc>.events..."}) or an envelope name ({@code
   * "<service>.<Message>"}).
   */
  private static final Pattern CONTRACT_NAME =
      Pattern.compile(
          "\"(mallbots\\.[a-z]+\\.(events|commands|replies)\\b[^\"]*"
              + "|(users|stores|search|payments|ordering|notifications|baskets)\\.[A-Z]\\w*)\"");

  private ContractNames() {}

  /** A fresh rule (it counts the sources it read, so each test class needs its own). */
  public static ArchRule notTypedOut() {
    return classes()
        .that()
        .areTopLevelClasses()
        .should(
            new ArchCondition<JavaClass>(
                "not type out a topic or message name the protos' contract owns") {
              private int read;

              @Override
              public void check(JavaClass type, ConditionEvents events) {
                String file =
                    type.getSource()
                        .flatMap(source -> source.getFileName())
                        .orElse(type.getSimpleName() + ".java");
                // Classes from other modules (the protos' own contracts among them) have no source
                // here.
                Path path = Path.of("src/main/java", type.getPackageName().replace('.', '/'), file);
                if (!Files.isRegularFile(path)) {
                  return;
                }
                read++;
                List<String> lines = lines(path);
                for (int i = 0; i < lines.size(); i++) {
                  Matcher typed = CONTRACT_NAME.matcher(lines.get(i));
                  while (typed.find()) {
                    events.add(
                        SimpleConditionEvent.violated(
                            type,
                            path
                                + ":"
                                + (i + 1)
                                + " types out "
                                + typed.group()
                                + "; use the constant of the service's *Contract class"));
                  }
                }
              }

              /**
               * Run from elsewhere than the module's directory, no source is found: that must not
               * pass as clean.
               */
              @Override
              public void finish(ConditionEvents events) {
                if (read == 0) {
                  events.add(
                      SimpleConditionEvent.violated(
                          Path.of("src/main/java"),
                          "no main source was found to read "
                              + "from "
                              + Path.of("").toAbsolutePath()));
                }
              }
            });
  }

  private static List<String> lines(Path path) {
    try {
      return Files.readAllLines(path);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
