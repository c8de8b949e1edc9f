package org.swarmmon.testbed;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** The local Docker engine, which {@code .ci/run} starts as {@code dockerd --storage-driver=vfs --iptables=false --metrics-addr 0.0.0.0:9323}. */
public final class DockerEngine {

  private DockerEngine() {}

  /** The engine's socket, or a missing-part failure when no engine answers on it. */
  public static Path requireRunning() {
    Path socket = Path.of("/var/run/docker.sock");
    if (!Files.exists(socket) || !answers()) {
      throw Parts.missing("Docker engine", "start it with `dockerd --storage-driver=vfs --iptables=false --metrics-addr 0.0.0.0:9323` (.ci/run does)");
    }
    return socket;
  }

  private static boolean answers() {
    try {
      Process p = new ProcessBuilder("docker", "version", "--format", "{{.Server.Version}}")
          .redirectErrorStream(true).start();
      return p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (Exception e) {
      return false;
    }
  }
}
