package org.swarmmon.testbed;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * The layering every service follows: plain-Java core packages that know nothing of Spring, one
 * thin {@code app} package that wires them, and no cycles between packages.
 */
public final class Architecture {

  private Architecture() {}

  /**
   * Fails when a class of {@code basePackage} outside its {@code app} package imports Spring, or
   * logs through SLF4J rather than {@code java.util.logging} (which Spring Boot routes to its log).
   */
  public static void assertCoreIsFreeOfSpring(String basePackage) {
    assertCoreIsFreeOfSpring(basePackage, "app");
  }

  /** As above, for a module whose Spring wiring lives in {@code basePackage.wiringPackage}. */
  public static void assertCoreIsFreeOfSpring(String basePackage, String wiringPackage) {
    JavaClasses classes = classesOf(basePackage);
    noClasses()
        .that().resideInAPackage(basePackage + "..")
        .and().resideOutsideOfPackage(basePackage + "." + wiringPackage + "..")
        .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "org.slf4j..")
        .because("core packages are plain Java with java.util.logging; only the " + wiringPackage
            + " package wires them with Spring")
        .check(classes);
  }

  /** Fails when the packages directly under {@code basePackage} depend on each other in a cycle. */
  public static void assertPackagesAreFreeOfCycles(String basePackage) {
    slices().matching(basePackage + ".(*)..").should().beFreeOfCycles().check(classesOf(basePackage));
  }

  private static JavaClasses classesOf(String basePackage) {
    return new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages(basePackage);
  }
}
