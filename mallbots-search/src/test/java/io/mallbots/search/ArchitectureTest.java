package io.mallbots.search;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import io.mallbots.core.testing.ServiceArchitecture;

/** The rules of service-anatomy.md, from core's {@link ServiceArchitecture}. */
@AnalyzeClasses(
    packages = "io.mallbots.search",
    importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  @ArchTest static final ArchRule anatomy = ServiceArchitecture.rules("search");
}
