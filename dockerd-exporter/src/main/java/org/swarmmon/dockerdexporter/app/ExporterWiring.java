package org.swarmmon.dockerdexporter.app;

import com.github.dockerjava.api.DockerClient;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.swarmmon.dockerdexporter.cleanup.ExitedContainerJanitor;
import org.swarmmon.dockerdexporter.crash.AlertDelivery;
import org.swarmmon.dockerdexporter.crash.CgroupReader;
import org.swarmmon.dockerdexporter.crash.CgroupSampler;
import org.swarmmon.dockerdexporter.crash.CrashAlerts;
import org.swarmmon.dockerdexporter.crash.CrashLog;
import org.swarmmon.dockerdexporter.crash.CrashReport;
import org.swarmmon.dockerdexporter.crash.CrashReporter;
import org.swarmmon.dockerdexporter.crash.CrashRules;
import org.swarmmon.dockerdexporter.crash.LogRedactor;
import org.swarmmon.dockerdexporter.engine.DockerClients;
import org.swarmmon.dockerdexporter.engine.EngineCollector;
import org.swarmmon.dockerdexporter.engine.EngineStatus;
import org.swarmmon.exportertoolkit.Backoff;
import org.swarmmon.exportertoolkit.ProcessCollector;
import org.swarmmon.dockerdexporter.events.EventCounters;
import org.swarmmon.dockerdexporter.events.EventCursor;
import org.swarmmon.dockerdexporter.events.EventStream;
import org.swarmmon.dockerdexporter.exposition.MetricsPage;
import org.swarmmon.dockerdexporter.exposition.NativeMetricsSource;
import org.swarmmon.dockerdexporter.swarm.SwarmCollector;

/** Builds the plain-Java parts from the configuration and starts their threads. */
@Configuration(proxyBeanMethods = false)
public class ExporterWiring {

  @Bean
  Clock clock() {
    return Clock.systemUTC();
  }

  @Bean(destroyMethod = "close")
  DockerClient dockerClient(DockerdExporterProperties props) {
    return DockerClients.create(props.docker().host(), props.docker().apiVersion(),
        props.docker().requestTimeout());
  }

  @Bean
  EngineStatus engineStatus(Clock clock) {
    return new EngineStatus(clock);
  }

  @Bean
  EventCounters eventCounters() {
    return new EventCounters();
  }

  @Bean
  NodeName nodeName(DockerdExporterProperties props, DockerClient client) {
    return new NodeName(props.nodeName(), client);
  }

  @Bean(destroyMethod = "close")
  AlertDelivery alertDelivery(@Value("${alertmanager.url:}") String url, DockerdExporterProperties props,
      @Value("${server.port:9323}") int port) {
    if (url == null || url.isBlank()) {
      return null;
    }
    return new AlertDelivery(url, new CrashAlerts(props.crash().alertHold(), port), new Backoff(
        java.time.Duration.ofSeconds(1), java.time.Duration.ofMinutes(1)));
  }

  @Bean
  CrashLog crashLog(DockerdExporterProperties props, org.springframework.beans.factory.ObjectProvider<AlertDelivery> delivery) {
    List<Consumer<CrashReport>> subscribers = new ArrayList<>();
    AlertDelivery d = delivery.getIfAvailable();
    if (d != null) {
      subscribers.add(d);
    }
    return new CrashLog(props.crash().recent(), subscribers);
  }

  @Bean
  CgroupSampler cgroupSampler(DockerdExporterProperties props, Clock clock) {
    return new CgroupSampler(new CgroupReader(Path.of(props.crash().cgroupRoot()), clock));
  }

  @Bean(destroyMethod = "close")
  CrashReporter crashReporter(DockerdExporterProperties props, Clock clock, CrashLog log,
      CgroupSampler sampler, NodeName nodeName) {
    DockerClient client = DockerClients.create(props.docker().host(), props.docker().apiVersion(), null);
    List<String> patterns = props.crash().redactPatterns() == null || props.crash().redactPatterns().isEmpty()
        ? LogRedactor.DEFAULT_PATTERNS : props.crash().redactPatterns();
    return new CrashReporter(client,
        new CrashRules(props.crash().maxRestarts(), props.crash().restartWindow()),
        sampler, LogRedactor.of(patterns), props.crash().logLines(), props.crash().evidenceDelay(),
        nodeName, clock, log);
  }

  @Bean(destroyMethod = "close")
  EventStream eventStream(DockerdExporterProperties props, Clock clock, EngineStatus status,
      EventCounters counters, CrashReporter reporter) {
    DockerClient streaming = DockerClients.create(props.docker().host(), props.docker().apiVersion(), null);
    long startNanos = clock.instant().getEpochSecond() * 1_000_000_000L + clock.instant().getNano();
    EventStream stream = new EventStream(streaming, new EventCursor(startNanos),
        List.of(counters, reporter), status,
        new Backoff(props.events().reconnectInitialBackoff(), props.events().reconnectMaxBackoff()));
    stream.start();
    return stream;
  }

  @Bean(destroyMethod = "shutdownNow")
  ScheduledExecutorService background(DockerdExporterProperties props, CgroupSampler sampler,
      DockerClient client, Clock clock) {
    ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "dockerd-exporter-background");
      t.setDaemon(true);
      return t;
    });
    long every = props.crash().cgroupSampleInterval().toMillis();
    executor.scheduleWithFixedDelay(() -> {
      try {
        sampler.sample();
      } catch (RuntimeException e) {
        // a cgroup vanishing mid-read is normal; next pass
      }
    }, 0, every, TimeUnit.MILLISECONDS);
    if (props.cleanup().enabled()) {
      ExitedContainerJanitor janitor = new ExitedContainerJanitor(client, props.cleanup().grace(),
          props.cleanup().keepLabel(), clock);
      executor.scheduleWithFixedDelay(janitor::sweep, props.cleanup().interval().toMillis(),
          props.cleanup().interval().toMillis(), TimeUnit.MILLISECONDS);
    }
    return executor;
  }

  @Bean
  MetricsPage metricsPage(DockerClient client, EngineStatus status, EventCounters counters,
      CrashLog crashes, @Value("${dockerd.metrics-url:}") String nativeUrl,
      @Value("${dockerd.metrics-timeout:3s}") java.time.Duration nativeTimeout,
      @Value("${server.port:9323}") int port) {
    EngineCollector engine = new EngineCollector(client, status);
    SwarmCollector swarm = new SwarmCollector(client);
    Supplier<List<MetricSnapshot>> engineAndSwarm = () -> {
      EngineCollector.EngineState state = engine.read();
      List<MetricSnapshot> out = new ArrayList<>();
      if (state != null) {
        out.addAll(EngineCollector.snapshots(state));
        try {
          out.addAll(swarm.snapshots(state.info()));
        } catch (RuntimeException e) {
          // e.g. leader election in progress: engine metrics are still served
          org.slf4j.LoggerFactory.getLogger(SwarmCollector.class).warn("Swarm metrics skipped: {}", e.toString());
        }
      }
      out.addAll(status.snapshots());
      return out;
    };
    // the exporter's own process_* replace the engine's native ones, as our other families do
    return new MetricsPage(List.of(engineAndSwarm, counters::snapshots, crashes::snapshots,
            new ProcessCollector()::snapshots),
        new NativeMetricsSource(nativeUrl, nativeTimeout, port));
  }
}
