package org.swarmmon.alertmanager;

import org.junit.jupiter.api.Test;
import org.swarmmon.testbed.Architecture;

class ArchitectureTest {

  @Test
  void corePackagesAreFreeOfSpring() {
    Architecture.assertCoreIsFreeOfSpring("org.swarmmon.alertmanager");
  }

  @Test
  void packagesDependOnEachOtherWithoutCycles() {
    Architecture.assertPackagesAreFreeOfCycles("org.swarmmon.alertmanager");
  }
}
