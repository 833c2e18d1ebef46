package io.mallbots.search;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import io.mallbots.core.testing.ContractNames;

/**
 * The layering of service-anatomy.md: a plain-Java domain; an application that knows no adapters or
 * ports.
 */
@AnalyzeClasses(
    packages = "io.mallbots.search",
    importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  private static final String[] CONTRACTS = {
    "io.mallbots.search.v1..",
    "io.mallbots.ordering.v1..",
    "io.mallbots.users.v1..",
    "io.mallbots.stores.v1.."
  };

  @ArchTest
  static final ArchRule domain_is_plain_java =
      noClasses()
          .that()
          .resideInAPackage("io.mallbots.search.domain..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "io.vertx..",
              "io.grpc..",
              "com.google.protobuf..",
              "io.mallbots.search.v1..",
              "io.mallbots.ordering.v1..",
              "io.mallbots.users.v1..",
              "io.mallbots.stores.v1..",
              "java.sql..",
              "io.mallbots.core.db..",
              "io.mallbots.core.messaging..",
              "io.mallbots.core.outbox..",
              "io.mallbots.core.inbox..",
              "io.mallbots.core.agent..",
              "io.mallbots.core.rpc..",
              "io.mallbots.core.web..");

  @ArchTest
  static final ArchRule domain_knows_no_outer_layer =
      noClasses()
          .that()
          .resideInAPackage("io.mallbots.search.domain..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "io.mallbots.search.application..",
              "io.mallbots.search.adapters..",
              "io.mallbots.search.ports..",
              "io.mallbots.search.agent..");

  @ArchTest
  static final ArchRule application_knows_no_adapters_ports_or_wire =
      noClasses()
          .that()
          .resideInAPackage("io.mallbots.search.application..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "io.mallbots.search.adapters..",
              "io.mallbots.search.ports..",
              "io.mallbots.search.agent..")
          .orShould()
          .dependOnClassesThat()
          .resideInAnyPackage(CONTRACTS);

  @ArchTest
  static final ArchRule ports_and_adapters_do_not_use_each_other =
      noClasses()
          .that()
          .resideInAnyPackage("io.mallbots.search.ports..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("io.mallbots.search.adapters..");

  /**
   * The protos' {@code *Contract} classes own the topic and envelope names (core's {@link
   * ContractNames}).
   */
  @ArchTest static final ArchRule contract_names_are_not_typed_out = ContractNames.notTypedOut();
}
