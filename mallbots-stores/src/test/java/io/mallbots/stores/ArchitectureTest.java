package io.mallbots.stores;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
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

/** The layering of service-anatomy.md: a plain-Java domain; an application that knows no adapters or ports. */
@AnalyzeClasses(packages = "io.mallbots.stores", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  @ArchTest
  static final ArchRule domain_is_plain_java = noClasses().that().resideInAPackage("io.mallbots.stores.domain..")
      .should().dependOnClassesThat().resideInAnyPackage("io.vertx..", "io.grpc..", "com.google.protobuf..",
          "io.mallbots..v1..", "java.sql..", "io.mallbots.core.db..", "io.mallbots.core.messaging..",
          "io.mallbots.core.outbox..", "io.mallbots.core.inbox..", "io.mallbots.core.agent..",
          "io.mallbots.core.rpc..", "io.mallbots.core.web..");

  @ArchTest
  static final ArchRule domain_knows_no_outer_layer = noClasses().that().resideInAPackage("io.mallbots.stores.domain..")
      .should().dependOnClassesThat().resideInAnyPackage("io.mallbots.stores.application..",
          "io.mallbots.stores.adapters..", "io.mallbots.stores.ports..", "io.mallbots.stores.agent..");

  @ArchTest
  static final ArchRule application_knows_no_adapters_ports_or_wire_format = noClasses().that()
      .resideInAPackage("io.mallbots.stores.application..")
      .should().dependOnClassesThat().resideInAnyPackage("io.mallbots.stores.adapters..",
          "io.mallbots.stores.ports..", "io.mallbots.stores.agent..", "io.mallbots..v1..",
          "com.google.protobuf..", "io.mallbots.core.outbox..", "io.vertx.sqlclient..", "io.vertx.pgclient..");

  @ArchTest
  static final ArchRule ports_and_adapters_do_not_use_each_other = noClasses().that()
      .resideInAnyPackage("io.mallbots.stores.ports..")
      .should().dependOnClassesThat().resideInAnyPackage("io.mallbots.stores.adapters..");

  /** A topic ({@code "mallbots.<svc>.events..."}) or an envelope name ({@code "<service>.<Message>"}). */
  private static final Pattern CONTRACT_NAME = Pattern.compile("\"(mallbots\\.[a-z]+\\.(events|commands|replies)\\b[^\"]*"
      + "|(users|stores|search|payments|ordering|notifications|baskets)\\.[A-Z]\\w*)\"");

  /**
   * The protos' {@code *Contract} classes own the topic and envelope names: a copy typed out here would not
   * break at compile time when the contract renames a message, and would silently miss it on the wire.
   * Bytecode keeps no trace of a constant's origin, so this reads the main sources.
   */
  @ArchTest
  static final ArchRule contract_names_are_not_typed_out = classes().that().areTopLevelClasses()
      .should(new ArchCondition<JavaClass>("not type out a topic or message name the protos' contract owns") {
        private int read;

        @Override
        public void check(JavaClass type, ConditionEvents events) {
          String file = type.getSource().flatMap(source -> source.getFileName()).orElse(type.getSimpleName() + ".java");
          // Classes from other modules (the protos' own contracts among them) have no source here.
          Path path = Path.of("src/main/java", type.getPackageName().replace('.', '/'), file);
          if (!Files.isRegularFile(path)) {
            return;
          }
          read++;
          List<String> lines = lines(path);
          for (int i = 0; i < lines.size(); i++) {
            Matcher typed = CONTRACT_NAME.matcher(lines.get(i));
            while (typed.find()) {
              events.add(SimpleConditionEvent.violated(type, path + ":" + (i + 1) + " types out " + typed.group()
                  + "; use the constant of the service's *Contract class"));
            }
          }
        }

        /** Run from elsewhere than the module's directory, no source is found: that must not pass as clean. */
        @Override
        public void finish(ConditionEvents events) {
          if (read == 0) {
            events.add(SimpleConditionEvent.violated(Path.of("src/main/java"), "no main source was found to read "
                + "from " + Path.of("").toAbsolutePath()));
          }
        }
      });

  private static List<String> lines(Path path) {
    try {
      return Files.readAllLines(path);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
