package io.mallbots.stores;

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
    packages = "io.mallbots.stores",
    importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  @ArchTest
  static final ArchRule domain_is_plain_java =
      noClasses()
          .that()
          .resideInAPackage("io.mallbots.stores.domain..")
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
          .resideInAPackage("io.mallbots.stores.domain..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "io.mallbots.stores.application..",
              "io.mallbots.stores.adapters..",
              "io.mallbots.stores.ports..",
              "io.mallbots.stores.agent..");

  @ArchTest
  static final ArchRule application_knows_no_adapters_ports_or_wire_format =
      noClasses()
          .that()
          .resideInAPackage("io.mallbots.stores.application..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "io.mallbots.stores.adapters..",
              "io.mallbots.stores.ports..",
              "io.mallbots.stores.agent..",
              "io.mallbots..v1..",
              "com.google.protobuf..",
              "io.mallbots.core.outbox..",
              "io.vertx.sqlclient..",
              "io.vertx.pgclient..");

  @ArchTest
  static final ArchRule ports_and_adapters_do_not_use_each_other =
      noClasses()
          .that()
          .resideInAnyPackage("io.mallbots.stores.ports..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("io.mallbots.stores.adapters..");

  /**
   * The protos' {@code *Contract} classes own the topic and envelope names (core's {@link
   * ContractNames}).
   */
  @ArchTest static final ArchRule contract_names_are_not_typed_out = ContractNames.notTypedOut();
}
