package org.swarmmon.exportertoolkit;

import org.junit.jupiter.api.Test;
import org.swarmmon.testbed.Architecture;

class ArchitectureTest {

  @Test
  void coreIsFreeOfSpring() {
    Architecture.assertCoreIsFreeOfSpring("org.swarmmon.exportertoolkit", "spring");
  }

  @Test
  void packagesDependOnEachOtherWithoutCycles() {
    Architecture.assertPackagesAreFreeOfCycles("org.swarmmon.exportertoolkit");
  }
}
