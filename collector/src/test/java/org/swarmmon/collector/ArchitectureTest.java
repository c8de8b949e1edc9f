package org.swarmmon.collector;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;
import org.swarmmon.testbed.Architecture;

class ArchitectureTest {

  private static final JavaClasses CLASSES = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("org.swarmmon.collector");

  @Test
  void corePackagesAreFreeOfSpring() {
    Architecture.assertCoreIsFreeOfSpring("org.swarmmon.collector");
  }

  @Test
  void packagesDependOnEachOtherWithoutCycles() {
    Architecture.assertPackagesAreFreeOfCycles("org.swarmmon.collector");
  }

  @Test
  void queryingScrapingRulesAndRemoteStorageSeeOnlyTheStorageInterfaces() {
    noClasses()
        .that().resideInAnyPackage("org.swarmmon.collector.promql..", "org.swarmmon.collector.scrape..",
            "org.swarmmon.collector.rules..", "org.swarmmon.collector.remote..",
            "org.swarmmon.collector.web..", "org.swarmmon.collector.storage..")
        .should().dependOnClassesThat().resideInAPackage("org.swarmmon.collector.tsdb..")
        .because("the TSDB is one implementation of the storage interfaces; only the wiring knows it")
        .check(CLASSES);
  }
}
