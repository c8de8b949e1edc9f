package org.swarmmon.webconfig;

import org.junit.jupiter.api.Test;
import org.swarmmon.testbed.Architecture;

class ArchitectureTest {

  @Test
  void coreIsFreeOfSpring() {
    Architecture.assertCoreIsFreeOfSpring("org.swarmmon.webconfig", "spring");
  }

  @Test
  void packagesDependOnEachOtherWithoutCycles() {
    Architecture.assertPackagesAreFreeOfCycles("org.swarmmon.webconfig");
  }
}
