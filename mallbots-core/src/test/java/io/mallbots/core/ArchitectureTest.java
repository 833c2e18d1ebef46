package io.mallbots.core;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The core's packages depend on each other one way only: a cycle (messaging and config, messaging
 * and observability were one each) means neither side can be read, changed or tested without the
 * other.
 */
@AnalyzeClasses(packages = "io.mallbots.core", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  @ArchTest
  static final ArchRule core_packages_are_free_of_cycles =
      slices().matching("io.mallbots.core.(*)..").should().beFreeOfCycles();
}
