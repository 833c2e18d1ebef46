package io.mallbots.core.testing;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.CompositeArchRule;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The rules of docs/service-anatomy.md, once for every service's ArchitectureTest: one field {@code
 * anatomy = ServiceArchitecture.rules("<svc>")} in a class analyzing {@code io.mallbots.<svc>}'s
 * main classes, run from the module's directory. A service adds its own rules next to it. Each call
 * gives a fresh rule.
 */
public final class ServiceArchitecture {

  /** What no domain layer uses: frameworks, the wire, SQL and core's infrastructure. */
  private static final List<String> NOT_IN_THE_DOMAIN =
      List.of(
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

  /** What no application layer uses: the wire formats and the drivers its ports hide. */
  private static final List<String> NOT_IN_THE_APPLICATION =
      List.of(
          "io.mallbots..v1..",
          "com.google.protobuf..",
          "io.mallbots.core.outbox..",
          "io.mallbots.core.rpc..",
          "io.mallbots.core.saga..",
          "io.vertx.sqlclient..",
          "io.vertx.pgclient..",
          "io.vertx.grpc..");

  private ServiceArchitecture() {}

  /**
   * Every rule of the anatomy for {@code service}: the layers below and {@link
   * ContractNames#notTypedOut()}. {@code alsoForbidden}: package patterns neither the domain nor
   * the application may use (users: {@code "at.favre.."}, {@code "com.nimbusds.."}).
   */
  public static ArchRule rules(String service, String... alsoForbidden) {
    return CompositeArchRule.of(domainIsPlainJava(service, alsoForbidden))
        .and(domainKnowsNoOuterLayer(service))
        .and(applicationKnowsNoAdapterPortOrWire(service, alsoForbidden))
        .and(adaptersAndPortsStayApart(service))
        .and(ContractNames.notTypedOut());
  }

  /** The domain is the shop's rules in plain Java; {@code alsoForbidden}: package patterns. */
  static ArchRule domainIsPlainJava(String service, String... alsoForbidden) {
    return noClasses()
        .that()
        .resideInAPackage(layer(service, "domain"))
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(plus(NOT_IN_THE_DOMAIN, alsoForbidden))
        .because("the domain is the shop's rules in plain Java");
  }

  /** The domain knows nothing of the layers around it. */
  static ArchRule domainKnowsNoOuterLayer(String service) {
    return noClasses()
        .that()
        .resideInAPackage(layer(service, "domain"))
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            layer(service, "application"),
            layer(service, "adapters"),
            layer(service, "ports"),
            layer(service, "agent"));
  }

  /**
   * The application sees its ports' interfaces, never their implementations, the wire or the
   * drivers; {@code alsoForbidden}: package patterns.
   */
  static ArchRule applicationKnowsNoAdapterPortOrWire(String service, String... alsoForbidden) {
    List<String> forbidden =
        new ArrayList<>(
            List.of(layer(service, "adapters"), layer(service, "ports"), layer(service, "agent")));
    forbidden.addAll(NOT_IN_THE_APPLICATION);
    return noClasses()
        .that()
        .resideInAPackage(layer(service, "application"))
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(plus(forbidden, alsoForbidden));
  }

  /**
   * Ports (what calls in) and adapters (what the service calls out to) do not use each other, and
   * neither uses the agent, which wires them.
   */
  static ArchRule adaptersAndPortsStayApart(String service) {
    return CompositeArchRule.of(
            noClasses()
                .that()
                .resideInAPackage(layer(service, "ports"))
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(layer(service, "adapters"), layer(service, "agent")))
        .and(
            noClasses()
                .that()
                .resideInAPackage(layer(service, "adapters"))
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(layer(service, "ports"), layer(service, "agent")));
  }

  private static String layer(String service, String name) {
    return "io.mallbots." + service + "." + name + "..";
  }

  private static String[] plus(List<String> packages, String... more) {
    List<String> all = new ArrayList<>(packages);
    all.addAll(Arrays.asList(more));
    return all.toArray(String[]::new);
  }
}
