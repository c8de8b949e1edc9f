import com.sun.net.httpserver.HttpServer;
import java.io.File;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Side-by-side benchmark of Alertmanager 0.25 (Debian's binary) and our alert-manager: N alerts
 * posted through API v2 in batches by C concurrent clients, each alert its own group
 * (group_by ['...'], group_wait 0s) so each produces one Slack request to a local receiver.
 * Reports alerts accepted per second, the time from posting an alert to its Slack request
 * (p50/p99), when the last Slack request arrived (counted from the first post), and the CPU time
 * the process used from the first post until the last Slack request arrived (user + system, all
 * threads; less sensitive to other load on the machine than the times). Run from the project root after `./mvnw -pl alert-manager package -DskipTests`:
 *   java alert-manager/bench/Bench.java [alerts=3000] [clients=4] [batch=50]
 * BENCH_THREADS=1 also prints the CPU time per thread name (Linux). BENCH_WARMUP=N first sends N other alerts to both (not measured), for steady-state figures.
 * BENCH_ALERTS=prometheus adds startsAt, endsAt and generatorURL to the measured alerts; BENCH_JAR runs another jar of ours.
 */
public class Bench {

  static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  static final Pattern ID = Pattern.compile("bench-(\\d+)");
  /** BENCH_WARMUP=N: a first burst of N alerts (not measured) before the measured one, for both. */
  static final int WARMUP = Integer.parseInt(System.getenv().getOrDefault("BENCH_WARMUP", "0"));
  /** BENCH_ALERTS=prometheus: the measured alerts also carry startsAt, endsAt and generatorURL, as Prometheus sends them. */
  static final boolean PROMETHEUS_SHAPED = "prometheus".equals(System.getenv("BENCH_ALERTS"));
  static final java.time.format.DateTimeFormatter GO_RFC3339_NANO =
      java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'").withZone(java.time.ZoneOffset.UTC);

  public static void main(String[] args) throws Exception {
    // the receiver's answer headers and body go out as two segments; without TCP_NODELAY the body waits
    // for the client's delayed ACK, adding ~20-40 ms to every request of both alert managers
    System.setProperty("sun.net.httpserver.nodelay", "true");
    int alerts = args.length > 0 ? Integer.parseInt(args[0]) : 3000;
    int clients = args.length > 1 ? Integer.parseInt(args[1]) : 4;
    int batch = args.length > 2 ? Integer.parseInt(args[2]) : 50;
    Path work = Files.createTempDirectory("am-bench");
    // BENCH_JAR: another build of ours, e.g. one of an older commit
    String ourJar = Path.of(System.getenv().getOrDefault("BENCH_JAR", "alert-manager/target/alert-manager-exec.jar"))
        .toAbsolutePath().toString();
    System.out.printf("alerts=%d clients=%d batch=%d cpus=%d%n", alerts, clients, batch,
        Runtime.getRuntime().availableProcessors());
    // BENCH_ONLY=ours|ref runs one side; BENCH_JAVA_OPTS adds JVM options to ours (e.g. a JFR recording)
    String only = System.getenv().getOrDefault("BENCH_ONLY", "");
    warmHarness(alerts);
    if (!only.equals("ours")) {
      run("Alertmanager 0.25", work.resolve("ref"), alerts, clients, batch, (port, config, data) -> List.of(
          "/usr/bin/prometheus-alertmanager", "--config.file=" + config, "--storage.path=" + data,
          "--web.listen-address=127.0.0.1:" + port, "--cluster.listen-address="));
    }
    if (!only.equals("ref")) {
      String javaOpts = System.getenv().getOrDefault("BENCH_JAVA_OPTS", "").trim();
      run("swarmmon alert-manager", work.resolve("ours"), alerts, clients, batch, (port, config, data) -> {
        List<String> cmd = new ArrayList<>(List.of("java"));
        if (!javaOpts.isEmpty()) {
          cmd.addAll(Arrays.asList(javaOpts.split("\\s+")));
        }
        cmd.addAll(List.of("-jar", ourJar, "--config.file=" + config, "--storage.path=" + data,
            "--web.listen-address=127.0.0.1:" + port, "--cluster.listen-address="));
        return cmd;
      });
    }
    System.exit(0); // the receivers' executors are not daemon threads
  }

  interface Command {
    List<String> of(int port, Path config, Path data);
  }

  static void run(String name, Path dir, int alerts, int clients, int batch, Command command) throws Exception {
    Files.createDirectories(dir);
    Map<Integer, Long> received = new ConcurrentHashMap<>();
    java.util.concurrent.atomic.AtomicInteger warmReceived = new java.util.concurrent.atomic.AtomicInteger();
    HttpServer slack = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    slack.setExecutor(Executors.newFixedThreadPool(8));
    slack.createContext("/", ex -> {
      long now = System.nanoTime();
      String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      Matcher m = ID.matcher(body);
      if (m.find()) {
        received.putIfAbsent(Integer.parseInt(m.group(1)), now);
      } else if (body.contains("warm-")) {
        warmReceived.incrementAndGet();
      }
      byte[] ok = "ok".getBytes(StandardCharsets.UTF_8);
      ex.sendResponseHeaders(200, ok.length);
      ex.getResponseBody().write(ok);
      ex.close();
    });
    slack.start();
    Path config = dir.resolve("alertmanager.yml");
    Files.writeString(config, """
        route:
          receiver: slack
          group_by: ['...']
          group_wait: 0s
          group_interval: 1m
          repeat_interval: 1h
        receivers:
          - name: slack
            slack_configs:
              - api_url: http://127.0.0.1:%d/hook
                title: bench
                text: '{{ .CommonLabels.id }}'
        """.formatted(slack.getAddress().getPort()));
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    Process process = new ProcessBuilder(command.of(port, config, dir.resolve("data")))
        .redirectErrorStream(true).redirectOutput(dir.resolve("process.log").toFile()).start();
    String base = "http://127.0.0.1:" + port;
    try {
      long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
      while (true) {
        try {
          if (HTTP.send(HttpRequest.newBuilder(URI.create(base + "/-/ready")).build(),
              HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
            break;
          }
        } catch (Exception e) {
          // not up yet
        }
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(name + " did not start; see " + dir.resolve("process.log"));
        }
        Thread.sleep(200);
      }
      for (int i = 0; i < 20; i++) {
        post(base, "[]");
      }
      for (int from = 0; from < WARMUP; from += batch) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = from; i < Math.min(WARMUP, from + batch); i++) {
          sb.append(i > from ? "," : "").append("{\"labels\":{\"alertname\":\"Warm\",\"id\":\"warm-")
              .append(i).append("\"}}");
        }
        post(base, sb.append(']').toString());
      }
      long warmDeadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
      while (warmReceived.get() < WARMUP && System.nanoTime() < warmDeadline) {
        Thread.sleep(100);
      }
      Thread.sleep(WARMUP > 0 ? 2000 : 0);
      long cpuBefore = cpuNanos(process);
      Map<String, Long> threadsBefore = threadTicks(process);
      long[] sentAt = new long[alerts];
      ExecutorService pool = Executors.newFixedThreadPool(clients);
      List<Future<?>> futures = new ArrayList<>();
      long start = System.nanoTime();
      for (int c = 0; c < clients; c++) {
        int client = c;
        futures.add(pool.submit(() -> {
          for (int from = client * batch; from < alerts; from += clients * batch) {
            StringBuilder sb = new StringBuilder("[");
            int to = Math.min(alerts, from + batch);
            for (int i = from; i < to; i++) {
              sb.append(i > from ? "," : "").append("{\"labels\":{\"alertname\":\"Bench\",\"id\":\"bench-")
                  .append(i).append("\"},\"annotations\":{\"description\":\"benchmark alert\"}")
                  .append(PROMETHEUS_SHAPED ? prometheusFields() : "").append('}');
            }
            long t = System.nanoTime();
            for (int i = from; i < to; i++) {
              sentAt[i] = t;
            }
            post(base, sb.append(']').toString());
          }
          return null;
        }));
      }
      for (Future<?> f : futures) {
        f.get();
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      pool.shutdown();
      long waitUntil = System.nanoTime() + Duration.ofSeconds(180).toNanos();
      while (received.size() < alerts && System.nanoTime() < waitUntil) {
        Thread.sleep(100);
      }
      double cpuSeconds = (cpuNanos(process) - cpuBefore) / 1e9;
      long[] latencies = received.entrySet().stream()
          .mapToLong(e -> e.getValue() - sentAt[e.getKey()]).sorted().toArray();
      double lastSeconds = (received.values().stream().mapToLong(Long::longValue).max().orElse(start) - start) / 1e9;
      System.out.printf("%-24s accepted %8.0f alerts/s | Slack requests %d/%d | receive->Slack p50 %7.1f ms, p99 %7.1f ms"
          + " | last Slack request %.2f s after the first post | CPU %.2f s%n", name, alerts / seconds, latencies.length,
          alerts, percentile(latencies, 0.50) / 1e6, percentile(latencies, 0.99) / 1e6, lastSeconds, cpuSeconds);
      if (System.getenv("BENCH_THREADS") != null) {
        Map<String, Long> after = threadTicks(process);
        after.entrySet().stream()
            .map(e -> Map.entry(e.getKey(), e.getValue() - threadsBefore.getOrDefault(e.getKey(), 0L)))
            .filter(e -> e.getValue() > 0).sorted((a, b) -> Long.compare(b.getValue(), a.getValue()))
            .forEach(e -> System.out.printf("  %-20s %6.2f s CPU%n", e.getKey(), e.getValue() / 100.0));
      }
    } finally {
      process.destroy();
      process.waitFor();
      slack.stop(0);
    }
  }

  /**
   * Runs this JVM's own receiver and client code ({@code alerts} posts, as many Slack-like requests)
   * before the first side is measured: otherwise the side run first (Alertmanager) shares the 2 CPUs
   * with the bench's own class loading and JIT, and the side run second does not.
   */
  static void warmHarness(int alerts) throws Exception {
    HttpServer sink = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    sink.setExecutor(Executors.newFixedThreadPool(8));
    Map<Integer, Long> seen = new ConcurrentHashMap<>();
    sink.createContext("/", ex -> {
      String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      Matcher m = ID.matcher(body);
      if (m.find()) {
        seen.putIfAbsent(Integer.parseInt(m.group(1)), System.nanoTime());
      }
      byte[] ok = "ok".getBytes(StandardCharsets.UTF_8);
      ex.sendResponseHeaders(200, ok.length);
      ex.getResponseBody().write(ok);
      ex.close();
    });
    sink.start();
    String url = "http://127.0.0.1:" + sink.getAddress().getPort();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    List<Future<?>> futures = new ArrayList<>();
    for (int i = 0; i < alerts; i++) {
      String body = "[{\"labels\":{\"alertname\":\"Harness\",\"id\":\"bench-" + i + "\"}}]";
      futures.add(pool.submit(() -> {
        HTTP.send(HttpRequest.newBuilder(URI.create(url + "/api/v2/alerts")).timeout(Duration.ofSeconds(60))
            .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
            HttpResponse.BodyHandlers.ofString());
        return null;
      }));
    }
    for (Future<?> f : futures) {
      f.get();
    }
    pool.shutdown();
    sink.stop(0);
    ((ExecutorService) sink.getExecutor()).shutdown();
  }

  /** Prometheus' times are Go's RFC 3339 with nanoseconds; endsAt is 4 resend intervals (1 m) ahead. */
  static String prometheusFields() {
    java.time.Instant now = java.time.Instant.now();
    return ",\"startsAt\":\"" + GO_RFC3339_NANO.format(now) + "\",\"endsAt\":\""
        + GO_RFC3339_NANO.format(now.plusSeconds(240)) + "\",\"generatorURL\":"
        + "\"http://prometheus:9090/graph?g0.expr=up%7Bjob%3D%22bench%22%7D+%3D%3D+0&g0.tab=1\"";
  }

  static void post(String base, String body) {
    try {
      HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/v2/alerts"))
          .timeout(Duration.ofSeconds(60)).header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() != 200) {
        throw new IllegalStateException("HTTP " + r.statusCode() + ": " + r.body());
      }
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** CPU time (user + system) the process has used so far, all its threads. */
  static long cpuNanos(Process process) {
    return process.info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
  }

  /** BENCH_THREADS=1: CPU ticks (1/100 s) per thread name, digits dropped, from Linux's /proc. */
  static Map<String, Long> threadTicks(Process process) {
    Map<String, Long> out = new java.util.TreeMap<>();
    File[] tasks = new File("/proc/" + process.pid() + "/task").listFiles();
    for (File task : tasks == null ? new File[0] : tasks) {
      try {
        String stat = Files.readString(task.toPath().resolve("stat"));
        String comm = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')')).replaceAll("[0-9#-]+$", "");
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        out.merge(comm, Long.parseLong(f[11]) + Long.parseLong(f[12]), Long::sum);
      } catch (Exception e) {
        // the thread ended meanwhile
      }
    }
    return out;
  }

  static double percentile(long[] sorted, double p) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
  }
}
