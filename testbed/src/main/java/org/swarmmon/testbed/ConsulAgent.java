package org.swarmmon.testbed;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A real {@code consul agent -dev} on loopback, every port chosen free so tests never collide.
 * The binary is found as {@code $CONSUL_BIN}, on the PATH, or where {@code .ci/build-consul.sh}
 * caches it.
 */
public final class ConsulAgent implements AutoCloseable {

  private final RunningProcess process;
  private final int httpPort;

  private ConsulAgent(RunningProcess process, int httpPort) {
    this.process = process;
    this.httpPort = httpPort;
  }

  public static Path binary() {
    String configured = System.getenv("CONSUL_BIN");
    String cache = System.getenv().getOrDefault("XDG_CACHE_HOME", System.getProperty("user.home") + "/.cache");
    Path cached = Path.of(cache, "swarm-monitor", "consul-v1.20.6", "consul");
    return Parts.binary(
        "consul",
        "build it with .ci/build-consul.sh (or set CONSUL_BIN)",
        configured == null ? cached : Path.of(configured),
        cached);
  }

  public static ConsulAgent start() {
    return start(FreePorts.next());
  }

  /** An agent on a given HTTP port: for a service started before Consul, pointed at where it will be. */
  public static ConsulAgent start(int http) {
    Path binary = binary();
    String ports =
        "ports { http = %d, dns = %d, serf_lan = %d, serf_wan = %d, server = %d, grpc = %d, grpc_tls = -1 }"
            .formatted(
                http, FreePorts.next(), FreePorts.next(), FreePorts.next(), FreePorts.next(),
                FreePorts.next());
    Path workDir = Parts.workDir("consul");
    RunningProcess process =
        RunningProcess.start(
            "consul",
            workDir,
            List.of(
                binary.toString(), "agent", "-dev", "-bind=127.0.0.1", "-client=127.0.0.1",
                "-node=testbed", "-hcl", ports));
    ConsulAgent agent = new ConsulAgent(process, http);
    process.awaitHttp(agent.url() + "/v1/status/leader", Duration.ofSeconds(60));
    agent.awaitLeader();
    return agent;
  }

  private void awaitLeader() {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (System.nanoTime() < deadline) {
      String leader = Http.get(url() + "/v1/status/leader").body();
      if (leader.contains(":")) {
        return;
      }
      RunningProcess.sleep(Duration.ofMillis(200));
    }
    throw new IllegalStateException("consul elected no leader within 30s; log:\n" + process.logTail());
  }

  public int httpPort() {
    return httpPort;
  }

  public String url() {
    return "http://127.0.0.1:" + httpPort;
  }

  public RunningProcess process() {
    return process;
  }

  @Override
  public void close() {
    process.close();
  }
}
