package org.swarmmon.nodeexporter;

import org.junit.jupiter.api.Test;
import org.swarmmon.testbed.Architecture;

class ArchitectureTest {

  @Test
  void corePackagesAreFreeOfSpring() {
    Architecture.assertCoreIsFreeOfSpring("org.swarmmon.nodeexporter");
  }

  @Test
  void packagesDependOnEachOtherWithoutCycles() {
    Architecture.assertPackagesAreFreeOfCycles("org.swarmmon.nodeexporter");
  }
}
