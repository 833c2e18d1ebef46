package io.mallbots.users;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import io.mallbots.core.testing.ServiceArchitecture;

/**
 * The rules of service-anatomy.md (core's {@link ServiceArchitecture}); neither the domain nor the
 * application sees the bcrypt and JWT libraries, which stay in adapters/auth.
 */
@AnalyzeClasses(
    packages = "io.mallbots.users",
    importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  @ArchTest
  static final ArchRule anatomy =
      ServiceArchitecture.rules("users", "at.favre..", "com.nimbusds..");
}
