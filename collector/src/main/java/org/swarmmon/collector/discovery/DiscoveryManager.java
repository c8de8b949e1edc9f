package org.swarmmon.collector.discovery;

import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.swarmmon.collector.config.Config;
import org.swarmmon.collector.config.DiscoveryConfigs;
import org.swarmmon.collector.config.HttpClients;
import org.swarmmon.collector.config.ScrapeConfig;
import org.swarmmon.collector.targetgroup.TargetGroup;

/**
 * Runs the discoverers of every scrape config, like Prometheus's discovery manager: each in its
 * own thread, their groups merged per job, and the job's complete list handed to the sink (the
 * scrape manager) on every change. A reload restarts only the jobs whose discovery changed.
 */
public final class DiscoveryManager implements AutoCloseable {

  private static final Logger LOG = Logger.getLogger(DiscoveryManager.class.getName());

  private final Clock clock;
  private final BiConsumer<String, List<TargetGroup>> sink;
  private final Duration filePollInterval;
  private final Duration maxBackoff;
  private final Map<String, Job> jobs = new LinkedHashMap<>();

  private final class Job {
    final DiscoveryConfigs configs;
    final List<Thread> threads = new ArrayList<>();
    final Map<Integer, List<TargetGroup>> byProvider = new LinkedHashMap<>();
    volatile boolean stopped;

    Job(DiscoveryConfigs configs) {
      this.configs = configs;
    }

    synchronized void update(String name, int provider, List<TargetGroup> groups) {
      if (stopped) {
        return;
      }
      byProvider.put(provider, List.copyOf(groups));
      List<TargetGroup> all = new ArrayList<>();
      byProvider.values().forEach(all::addAll);
      sink.accept(name, all);
    }
  }

  public DiscoveryManager(Clock clock, BiConsumer<String, List<TargetGroup>> sink,
      Duration filePollInterval, Duration maxBackoff) {
    this.clock = clock;
    this.sink = sink;
    this.filePollInterval = filePollInterval;
    this.maxBackoff = maxBackoff;
  }

  /** Runs the discovery of every scrape config of {@code config}, keyed by job name. */
  public void applyConfig(Config config) {
    Map<String, DiscoveryConfigs> wanted = new LinkedHashMap<>();
    for (ScrapeConfig sc : config.scrapeConfigs()) {
      wanted.put(sc.jobName(), sc.discovery());
    }
    applyDiscovery(wanted);
  }

  /**
   * Runs exactly the given discovery sets, keyed by a name the sink receives (e.g. one per
   * {@code alerting.alertmanagers} entry for a notifier's own manager); unchanged ones keep running.
   */
  public synchronized void applyDiscovery(Map<String, DiscoveryConfigs> wanted) {
    for (String name : new ArrayList<>(jobs.keySet())) {
      DiscoveryConfigs next = wanted.get(name);
      if (next == null || !next.equals(jobs.get(name).configs)) {
        stop(jobs.remove(name));
      }
    }
    wanted.forEach((name, configs) -> {
      if (!jobs.containsKey(name)) {
        jobs.put(name, start(name, configs));
      }
    });
  }

  private Job start(String name, DiscoveryConfigs configs) {
    Job job = new Job(configs);
    List<Discoverer> discoverers = new ArrayList<>();
    if (!configs.staticConfigs().isEmpty()) {
      discoverers.add(new StaticDiscoverer(configs.staticConfigs()));
    }
    configs.fileSd().forEach(c -> discoverers.add(
        new FileDiscoverer(c, clock, Pause.SLEEP, filePollInterval)));
    configs.dnsSd().forEach(c -> discoverers.add(new DnsDiscoverer(c, Pause.SLEEP)));
    configs.consulSd().forEach(c -> discoverers.add(new ConsulDiscoverer(c,
        HttpClients.build(c.http(), Duration.ofSeconds(10)), clock, Pause.SLEEP, maxBackoff)));
    if (discoverers.isEmpty()) {
      job.update(name, -1, List.of());
    }
    for (int i = 0; i < discoverers.size(); i++) {
      int provider = i;
      Discoverer d = discoverers.get(i);
      Thread t = new Thread(() -> {
        try {
          d.run(groups -> job.update(name, provider, groups));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
          LOG.log(Level.SEVERE, "discovery for job " + name + " stopped", e);
        }
      }, "discovery-" + name + "-" + d.getClass().getSimpleName());
      t.setDaemon(true);
      job.threads.add(t);
      t.start();
    }
    return job;
  }

  private static void stop(Job job) {
    job.stopped = true;
    job.threads.forEach(Thread::interrupt);
  }

  @Override
  public synchronized void close() {
    jobs.values().forEach(DiscoveryManager::stop);
    jobs.clear();
  }
}
