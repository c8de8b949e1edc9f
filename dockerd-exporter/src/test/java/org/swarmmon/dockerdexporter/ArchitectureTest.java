package org.swarmmon.dockerdexporter;

import org.junit.jupiter.api.Test;
import org.swarmmon.testbed.Architecture;

class ArchitectureTest {

  @Test
  void corePackagesAreFreeOfSpring() {
    Architecture.assertCoreIsFreeOfSpring("org.swarmmon.dockerdexporter");
  }

  @Test
  void packagesDependOnEachOtherWithoutCycles() {
    Architecture.assertPackagesAreFreeOfCycles("org.swarmmon.dockerdexporter");
  }
}
