package io.mallbots.ordering;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import io.mallbots.core.testing.ContractNames;

/**
 * The layering of service-anatomy.md, and CQRS: a plain-Java domain; an application that knows no
 * adapters, ports or wire format; a query side that never reads the event streams; only the saga
 * adapter knows the orchestrator and the other services' commands.
 */
@AnalyzeClasses(
    packages = "io.mallbots.ordering",
    importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  @ArchTest
  static final ArchRule domain_is_plain_java =
      noClasses()
          .that()
          .resideInAPackage("io.mallbots.ordering.domain..")
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
              "io.mallbots.core.web..",
              "io.mallbots.core.saga..");

  @ArchTest
  static final ArchRule domain_knows_no_outer_layer =
      noClasses()
          .that()
          .resideInAPackage("io.mallbots.ordering.domain..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "io.mallbots.ordering.application..",
              "io.mallbots.ordering.adapters..",
              "io.mallbots.ordering.ports..",
              "io.mallbots.ordering.agent..");

  @ArchTest
  static final ArchRule application_knows_no_adapters_ports_or_wire_format =
      noClasses()
          .that()
          .resideInAPackage("io.mallbots.ordering.application..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "io.mallbots.ordering.adapters..",
              "io.mallbots.ordering.ports..",
              "io.mallbots.ordering.agent..",
              "io.mallbots..v1..",
              "com.google.protobuf..",
              "io.mallbots.core.outbox..",
              "io.mallbots.core.rpc..",
              "io.mallbots.core.saga..",
              "io.vertx.sqlclient..",
              "io.vertx.pgclient..",
              "io.vertx.grpc..");

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
  static final ArchRule ports_and_adapters_do_not_use_each_other =
      noClasses()
          .that()
          .resideInAnyPackage("io.mallbots.ordering.ports..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("io.mallbots.ordering.adapters..");

  @ArchTest
  static final ArchRule adapters_do_not_use_ports =
      noClasses()
          .that()
          .resideInAnyPackage("io.mallbots.ordering.adapters..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("io.mallbots.ordering.ports..");

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

  /**
   * The protos' {@code *Contract} classes own the topic and envelope names (core's {@link
   * ContractNames}).
   */
  @ArchTest static final ArchRule contract_names_are_not_typed_out = ContractNames.notTypedOut();
}
