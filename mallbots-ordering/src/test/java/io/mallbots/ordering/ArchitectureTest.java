package io.mallbots.ordering;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import io.mallbots.core.testing.ServiceArchitecture;

/**
 * The rules of service-anatomy.md (core's {@link ServiceArchitecture}), and CQRS: a query side that
 * never reads the event streams; only the saga adapter knows the orchestrator and the other
 * services' commands.
 */
@AnalyzeClasses(
    packages = "io.mallbots.ordering",
    importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  @ArchTest static final ArchRule anatomy = ServiceArchitecture.rules("ordering");

  @ArchTest
  static final ArchRule the_query_side_never_reads_the_command_side =
      noClasses()
          .that()
          .resideInAPackage("io.mallbots.ordering.application.queries..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("io.mallbots.ordering.application.commands..")
          .orShould()
          .dependOnClassesThat()
          .haveSimpleName("Orders");

  @ArchTest
  static final ArchRule only_the_saga_sends_other_services_commands =
      noClasses()
          .that()
          .resideOutsideOfPackage("io.mallbots.ordering.adapters.saga..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("io.mallbots.users..", "io.mallbots.core.saga..")
          .orShould()
          .dependOnClassesThat()
          .haveFullyQualifiedName("io.mallbots.payments.v1.ConfirmPayment");
}
