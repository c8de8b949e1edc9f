package org.swarmmon.containerexporter.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Event;
import com.github.dockerjava.api.model.EventType;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Keeps a {@link ContainerCatalog} current: lists the containers once connected, then follows the
 * Docker events stream; when the engine is away it retries with exponential backoff (1s to 30s)
 * while the exporter goes on serving cgroup metrics with {@code id} labels only.
 */
public final class DockerWatcher implements Closeable {

  private static final Logger LOG = Logger.getLogger(DockerWatcher.class.getName());
  private static final Set<String> REFRESHING_ACTIONS = Set.of("create", "start", "rename", "update", "restart");
  private static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
  private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

  private final ContainerCatalog catalog;
  private final DockerClient docker;
  private final ScheduledExecutorService worker;
  private volatile Duration backoff = FIRST_BACKOFF;
  private volatile Closeable subscription;
  private volatile boolean closed;
  private final java.util.concurrent.atomic.AtomicInteger attempt = new java.util.concurrent.atomic.AtomicInteger();

  /**
   * @param apiVersion the Docker API version to speak; 1.41 (Docker 20.10) is answered by every
   *     engine from 20.10 on, whereas docker-java's default is refused by engines older than 25
   */
  public DockerWatcher(String dockerHost, String apiVersion, ContainerCatalog catalog) {
    this.catalog = catalog;
    DefaultDockerClientConfig config = DefaultDockerClientConfig.createDefaultConfigBuilder()
        .withDockerHost(dockerHost).withApiVersion(apiVersion).build();
    if (config.getSSLConfig() != null) {
      LOG.warning("TLS to the Docker engine is not supported: DOCKER_TLS_VERIFY and DOCKER_CERT_PATH are ignored");
    }
    this.docker = DockerClientImpl.getInstance(config,
        new SocketDockerHttpClient(config.getDockerHost(), Duration.ofSeconds(5), Duration.ofSeconds(30)));
    this.worker = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "docker-watcher");
      t.setDaemon(true);
      return t;
    });
  }

  public void start() {
    worker.execute(this::connect);
  }

  private void connect() {
    if (closed) {
      return;
    }
    int thisAttempt = attempt.incrementAndGet();
    try {
      subscription = docker.eventsCmd()
          .withEventTypeFilter(EventType.CONTAINER)
          .exec(new ResultCallback.Adapter<Event>() {
            @Override
            public void onNext(Event event) {
              worker.execute(() -> handle(event));
            }

            @Override
            public void onError(Throwable throwable) {
              disconnected(thisAttempt, "events stream failed: " + throwable);
            }

            @Override
            public void onComplete() {
              disconnected(thisAttempt, "events stream ended");
            }
          });
      List<Container> listing = docker.listContainersCmd().withShowAll(true).exec();
      catalog.replaceAll(listing.stream().map(DockerWatcher::info).toList());
      catalog.connected(true);
      backoff = FIRST_BACKOFF;
      LOG.info(() -> "following Docker events; " + listing.size() + " containers known");
    } catch (RuntimeException e) {
      disconnected(thisAttempt, "cannot list containers: " + e);
    }
  }

  private synchronized void disconnected(int failedAttempt, String why) {
    if (closed || !attempt.compareAndSet(failedAttempt, failedAttempt + 1)) {
      return; // this attempt's failure was already handled
    }
    catalog.connected(false);
    closeQuietly(subscription);
    Duration wait = backoff;
    backoff = wait.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : wait.multipliedBy(2);
    LOG.log(Level.WARNING, "Docker engine unavailable ({0}); retrying in {1}", new Object[] {why, wait});
    if (!worker.isShutdown()) {
      worker.schedule(this::connect, wait.toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  private void handle(Event event) {
    String id = event.getActor() != null && event.getActor().getId() != null ? event.getActor().getId() : event.getId();
    String action = event.getAction() == null ? event.getStatus() : event.getAction();
    if (id == null || action == null) {
      return;
    }
    if ("destroy".equals(action)) {
      catalog.remove(id);
    } else if ("die".equals(action) || "stop".equals(action) || "kill".equals(action)) {
      catalog.touch(); // its cgroup goes: the next scrape must not serve cached readings
    } else if (REFRESHING_ACTIONS.contains(action)) {
      inspect(id);
    }
  }

  private void inspect(String id) {
    try {
      InspectContainerResponse c = docker.inspectContainerCmd(id).exec();
      long created = c.getCreated() == null ? 0 : OffsetDateTime.parse(c.getCreated()).toEpochSecond();
      catalog.put(new ContainerInfo(id, c.getName() == null ? "" : c.getName(),
          c.getConfig() == null ? "" : c.getConfig().getImage(),
          c.getConfig() == null ? null : c.getConfig().getLabels(), created));
    } catch (NotFoundException gone) {
      catalog.remove(id);
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "cannot inspect container " + id + ": " + e);
    }
  }

  static ContainerInfo info(Container c) {
    String name = c.getNames() == null || c.getNames().length == 0 ? "" : c.getNames()[0];
    return new ContainerInfo(c.getId(), name, c.getImage(), c.getLabels(), c.getCreated() == null ? 0 : c.getCreated());
  }

  @Override
  public void close() {
    closed = true;
    closeQuietly(subscription);
    worker.shutdownNow();
    closeQuietly(docker);
  }

  private static void closeQuietly(Closeable c) {
    if (c == null) {
      return;
    }
    try {
      c.close();
    } catch (IOException | RuntimeException e) {
      LOG.log(Level.FINE, "closing " + c, e);
    }
  }
}
