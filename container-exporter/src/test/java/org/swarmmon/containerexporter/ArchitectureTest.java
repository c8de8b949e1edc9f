package org.swarmmon.containerexporter;

import org.junit.jupiter.api.Test;
import org.swarmmon.testbed.Architecture;

class ArchitectureTest {

  @Test
  void corePackagesAreFreeOfSpring() {
    Architecture.assertCoreIsFreeOfSpring("org.swarmmon.containerexporter");
  }

  @Test
  void packagesDependOnEachOtherWithoutCycles() {
    Architecture.assertPackagesAreFreeOfCycles("org.swarmmon.containerexporter");
  }
}
