package io.mallbots.users;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import io.mallbots.core.testing.ContractNames;

/**
 * The layering of docs/service-anatomy.md: a plain domain, an application that knows no adapter or
 * port.
 */
@AnalyzeClasses(
    packages = "io.mallbots.users",
    importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  @ArchTest
  static final ArchRule domain_is_plain_java =
      noClasses()
          .that()
          .resideInAPackage("io.mallbots.users.domain..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "io.vertx..",
              "io.grpc..",
              "com.google.protobuf..",
              "io.mallbots.users.v1..",
              "java.sql..",
              "io.mallbots.core.db..",
              "io.mallbots.core.messaging..",
              "io.mallbots.core.outbox..",
              "io.mallbots.core.inbox..",
              "io.mallbots.core.agent..",
              "io.mallbots.core.rpc..",
              "io.mallbots.core.web..",
              "at.favre..",
              "com.nimbusds..")
          .because("the domain is the shop's rules in plain Java");

  @ArchTest
  static final ArchRule domain_knows_no_other_layer =
      noClasses()
          .that()
          .resideInAPackage("io.mallbots.users.domain..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "io.mallbots.users.application..",
              "io.mallbots.users.adapters..",
              "io.mallbots.users.ports..",
              "io.mallbots.users.agent..");

  @ArchTest
  static final ArchRule application_knows_no_adapter_or_port =
      noClasses()
          .that()
          .resideInAPackage("io.mallbots.users.application..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "io.mallbots.users.adapters..",
              "io.mallbots.users.ports..",
              "io.mallbots.users.agent..",
              "io.mallbots.users.v1..",
              "com.google.protobuf..",
              "at.favre..",
              "com.nimbusds..",
              "io.vertx.sqlclient..",
              "io.vertx.pgclient..");

  @ArchTest
  static final ArchRule only_the_agent_wires_adapters_and_ports =
      noClasses()
          .that()
          .resideInAnyPackage("io.mallbots.users.adapters..", "io.mallbots.users.ports..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("io.mallbots.users.agent..");

  @ArchTest
  static final ArchRule adapters_and_ports_stay_apart =
      noClasses()
          .that()
          .resideInAPackage("io.mallbots.users.adapters..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("io.mallbots.users.ports..");

  /**
   * The protos' {@code *Contract} classes own the topic and envelope names (core's {@link
   * ContractNames}).
   */
  @ArchTest static final ArchRule contract_names_are_not_typed_out = ContractNames.notTypedOut();
}
