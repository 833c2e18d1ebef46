package io.mallbots.baskets;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import io.mallbots.core.testing.ServiceArchitecture;

/**
 * The rules of service-anatomy.md (core's {@link ServiceArchitecture}); only the stores client and
 * the handlers of stores' events know stores.
 */
@AnalyzeClasses(
    packages = "io.mallbots.baskets",
    importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  @ArchTest static final ArchRule anatomy = ServiceArchitecture.rules("baskets");

  @ArchTest
  static final ArchRule only_the_stores_adapter_calls_stores =
      noClasses()
          .that()
          .resideOutsideOfPackage("io.mallbots.baskets.adapters.grpc..")
          .and()
          .resideOutsideOfPackage("io.mallbots.baskets.ports.handlers..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("io.mallbots.stores..");
}
