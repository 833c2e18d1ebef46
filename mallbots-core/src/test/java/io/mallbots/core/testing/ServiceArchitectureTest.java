package io.mallbots.core.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

/** Each shared rule catches what it is there for, in a service that breaks them all (fixture). */
class ServiceArchitectureTest {

  private static final String FIXTURE = "core.testing.fixture";
  private final JavaClasses classes =
      new ClassFileImporter().importPackages("io.mallbots." + FIXTURE);

  @Test
  void a_domain_on_vertx_or_reaching_outward_is_caught() {
    assertThat(violations(ServiceArchitecture.domainIsPlainJava(FIXTURE)))
        .contains("Leaky.save()")
        .contains("io.vertx.core.Future");
    assertThat(violations(ServiceArchitecture.domainKnowsNoOuterLayer(FIXTURE)))
        .contains("Leaky.upward()");
  }

  @Test
  void an_application_that_knows_an_adapter_is_caught() {
    assertThat(violations(ServiceArchitecture.applicationKnowsNoAdapterPortOrWire(FIXTURE)))
        .contains("Reaching.adapter()");
  }

  @Test
  void an_adapter_that_uses_a_port_is_caught() {
    assertThat(violations(ServiceArchitecture.adaptersAndPortsStayApart(FIXTURE)))
        .contains("Adapter.port()");
  }

  @Test
  void a_service_specific_package_is_forbidden_too() {
    assertThat(violations(ServiceArchitecture.domainIsPlainJava("core.testing.fixture", "java..")))
        .contains("java.lang.Object");
  }

  private String violations(ArchRule rule) {
    var result = rule.evaluate(classes);
    assertThat(result.hasViolation()).as(rule.getDescription()).isTrue();
    return String.join("\n", result.getFailureReport().getDetails());
  }
}
