package io.mallbots.bench;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.belongToAnyOf;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import io.mallbots.app.InProcessMall;
import io.mallbots.app.RestartableKafka;
import io.mallbots.ordering.agent.OrderingProbe;

/**
 * The bench drives the services from outside, as a client would: it may use the protos ({@code
 * io.mallbots.*.v1}), core, the launcher's public API ({@link InProcessMall}, {@link
 * RestartableKafka}) and the services' documented probe hooks ({@link OrderingProbe}), and nothing
 * else of a service or of the launcher, so their internals stay free to change. Only the bench's
 * own main code is analysed (not the modules it depends on, not its tests).
 */
@AnalyzeClasses(
    packages = "io.mallbots",
    importOptions = {
      ImportOption.DoNotIncludeTests.class,
      ArchitectureTest.OnlyBenchMainCode.class
    })
class ArchitectureTest {

  @ArchTest
  static final ArchRule uses_services_only_through_protos_core_the_launcher_api_and_probe_hooks =
      classes()
          .should()
          .onlyDependOnClassesThat(
              resideOutsideOfPackage("io.mallbots..")
                  .or(
                      resideInAnyPackage(
                          "io.mallbots.bench..", "io.mallbots.core..", "io.mallbots.*.v1.."))
                  .or(belongToAnyOf(InProcessMall.class, RestartableKafka.class))
                  .or(belongToAnyOf(OrderingProbe.class)))
          .because(
              "a service's domain, application, adapters, ports and agent, and the launcher's own parts, are its "
                  + "internals; the bench gets what it needs through documented entry points");

  @ArchTest
  static final ArchRule lives_in_its_own_packages =
      classes()
          .should()
          .resideInAPackage("io.mallbots.bench..")
          .because(
              "a class in the launcher's or a service's package would split that package across modules");

  /** The classes compiled from this module's {@code src/main/java}, wherever the build put them. */
  static final class OnlyBenchMainCode implements ImportOption {

    private static final String ROOT =
        Bench.class.getProtectionDomain().getCodeSource().getLocation().toString();

    @Override
    public boolean includes(Location location) {
      return location.asURI().toString().startsWith(ROOT);
    }
  }
}
