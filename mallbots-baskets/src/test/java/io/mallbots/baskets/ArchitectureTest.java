package io.mallbots.baskets;

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
    packages = "io.mallbots.baskets",
    importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  @ArchTest
  static final ArchRule domain_is_plain_java =
      noClasses()
          .that()
          .resideInAPackage("io.mallbots.baskets.domain..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "io.vertx..",
              "io.grpc..",
              "com.google.protobuf..",
              "io.mallbots..v1..",
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
          .resideInAPackage("io.mallbots.baskets.domain..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "io.mallbots.baskets.application..",
              "io.mallbots.baskets.adapters..",
              "io.mallbots.baskets.ports..",
              "io.mallbots.baskets.agent..");

  @ArchTest
  static final ArchRule application_knows_no_adapters_ports_or_wire_format =
      noClasses()
          .that()
          .resideInAPackage("io.mallbots.baskets.application..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "io.mallbots.baskets.adapters..",
              "io.mallbots.baskets.ports..",
              "io.mallbots.baskets.agent..",
              "io.mallbots..v1..",
              "com.google.protobuf..",
              "io.mallbots.core.outbox..",
              "io.mallbots.core.rpc..",
              "io.vertx.sqlclient..",
              "io.vertx.pgclient..",
              "io.vertx.grpc..");

  @ArchTest
  static final ArchRule ports_and_adapters_do_not_use_each_other =
      noClasses()
          .that()
          .resideInAnyPackage("io.mallbots.baskets.ports..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("io.mallbots.baskets.adapters..");

  @ArchTest
  static final ArchRule adapters_do_not_use_ports =
      noClasses()
          .that()
          .resideInAnyPackage("io.mallbots.baskets.adapters..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("io.mallbots.baskets.ports..");

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

  /**
   * The protos' {@code *Contract} classes own the topic and envelope names (core's {@link
   * ContractNames}).
   */
  @ArchTest static final ArchRule contract_names_are_not_typed_out = ContractNames.notTypedOut();
}
