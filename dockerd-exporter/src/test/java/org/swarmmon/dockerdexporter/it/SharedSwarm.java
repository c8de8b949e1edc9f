package org.swarmmon.dockerdexporter.it;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.swarmmon.testbed.DockerEngine;

/**
 * The shared engine as a single-node swarm: initialised when it is not one yet, and left in place
 * for the other tests of the suite.
 */
final class SharedSwarm {

  private SharedSwarm() {}

  /** Makes the shared engine a swarm manager holding {@code image} (the busybox of the tests). */
  static void join(String image) {
    DockerEngine.requireRunning();
    if (!"active".equals(docker("info", "--format", "{{.Swarm.LocalNodeState}}"))) {
      docker("swarm", "init", "--advertise-addr", "127.0.0.1");
    }
    SecondDockerd.importBusybox(SharedSwarm::docker, image);
  }

  /** The docker CLI against the shared engine; its trimmed output, or an exception if it fails. */
  static String docker(String... args) {
    List<String> command = new ArrayList<>(List.of("docker"));
    command.addAll(List.of(args));
    var r = SecondDockerd.exec(command, Duration.ofSeconds(120));
    if (r.exit() != 0) {
      throw new IllegalStateException(String.join(" ", command) + " exited " + r.exit() + ": " + r.output());
    }
    return r.output().trim();
  }
}
