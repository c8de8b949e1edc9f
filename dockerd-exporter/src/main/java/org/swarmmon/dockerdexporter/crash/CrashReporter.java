package org.swarmmon.dockerdexporter.crash;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.command.InspectImageResponse;
import com.github.dockerjava.api.model.Frame;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.swarmmon.dockerdexporter.events.EngineEvent;
import org.swarmmon.dockerdexporter.events.EventListener;

/**
 * Turns crashes the {@link CrashRules} find into {@link CrashReport}s. The cgroup counters are
 * taken on the events thread the moment the {@code die} arrives (they vanish soon after); the
 * slower evidence (inspect, image, log tail) is gathered on a worker so the stream never waits.
 */
public final class CrashReporter implements EventListener, AutoCloseable {

  private static final Logger LOG = Logger.getLogger(CrashReporter.class.getName());
  private static final int MAX_QUEUED = 256;

  private final DockerClient client;
  private final CrashRules rules;
  private final CgroupSampler cgroups;
  private final LogRedactor redactor;
  private final int logLines;
  private final Supplier<String> nodeName;
  private final Clock clock;
  private final Consumer<CrashReport> sink;
  private final Duration settle;
  private final ScheduledExecutorService worker;
  private final AtomicInteger queued = new AtomicInteger();
  private final AtomicLong dropped = new AtomicLong();

  public CrashReporter(DockerClient client, CrashRules rules, CgroupSampler cgroups,
      LogRedactor redactor, int logLines, Duration settle, Supplier<String> nodeName, Clock clock,
      Consumer<CrashReport> sink) {
    this.client = client;
    this.rules = rules;
    this.cgroups = cgroups;
    this.redactor = redactor;
    this.logLines = logLines;
    this.nodeName = nodeName;
    this.clock = clock;
    this.sink = sink;
    this.settle = settle;
    this.worker = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "crash-reports");
      t.setDaemon(true);
      return t;
    });
  }

  @Override
  public void onEvent(EngineEvent event) {
    if ("container".equals(event.type()) && "destroy".equals(event.actionVerb())) {
      cgroups.forget(event.actorId());
    }
    rules.onEvent(event).ifPresent(crash -> {
      CgroupCounters counters = cgroups.lastCounters(crash.containerId()).orElse(null);
      if (queued.incrementAndGet() > MAX_QUEUED) {
        queued.decrementAndGet();
        dropped.incrementAndGet();
        return;
      }
      // the engine may still be flushing the last log lines when it reports the death
      worker.schedule(() -> {
        queued.decrementAndGet();
        try {
          sink.accept(report(crash, counters));
        } catch (RuntimeException e) {
          LOG.log(Level.WARNING, "cannot report crash of " + crash.containerId(), e);
        }
      }, settle.toMillis(), TimeUnit.MILLISECONDS);
    });
  }

  CrashReport report(CrashRules.Crash crash, CgroupCounters counters) {
    Map<String, String> labels = new HashMap<>();
    crash.eventAttributes().forEach((k, v) -> {
      if (k.contains(".") || k.contains("/")) {
        labels.put(k, v);
      }
    });
    String name = crash.eventAttributes().getOrDefault("name", crash.stableName());
    String imageRef = crash.eventAttributes().getOrDefault("image", "");
    boolean oomKilled = crash.reason() == CrashReason.OOM_KILLED
        || rules.oomKilledAfter(crash.containerId(), crash.timeNano());
    CrashReport.FinalState state = new CrashReport.FinalState(crash.exitCode(), oomKilled, "", "", "");
    String imageId = "";
    try {
      InspectContainerResponse inspect = client.inspectContainerCmd(crash.containerId()).exec();
      name = inspect.getName() == null ? name : inspect.getName().replaceFirst("^/", "");
      if (inspect.getConfig() != null) {
        if (inspect.getConfig().getLabels() != null) {
          labels.putAll(inspect.getConfig().getLabels());
        }
        if (inspect.getConfig().getImage() != null) {
          imageRef = inspect.getConfig().getImage();
        }
      }
      imageId = inspect.getImageId() == null ? "" : inspect.getImageId();
      InspectContainerResponse.ContainerState s = inspect.getState();
      if (s != null) {
        boolean oom = Boolean.TRUE.equals(s.getOOMKilled()) || oomKilled;
        state = new CrashReport.FinalState(
            s.getExitCodeLong() == null ? crash.exitCode() : s.getExitCodeLong().intValue(),
            oom, nz(s.getError()), nz(s.getStartedAt()), nz(s.getFinishedAt()));
      }
    } catch (RuntimeException e) {
      LOG.log(Level.FINE, "container " + crash.containerId() + " is gone before inspect", e);
    }
    CrashReason reason = state.oomKilled() ? CrashReason.OOM_KILLED : crash.reason();
    CrashReport.Image image = image(imageRef, imageId);
    List<String> logs = redactor.redact(logTail(crash.containerId()));
    return new CrashReport(
        crash.containerId().substring(0, Math.min(12, crash.containerId().length())) + "-" + crash.timeNano(),
        clock.instant(),
        nodeName.get(),
        crash.containerId(),
        name,
        crash.stableName().isEmpty() ? name : crash.stableName(),
        ContainerIdentity.service(labels),
        ContainerIdentity.stack(labels),
        labels.getOrDefault(ContainerIdentity.COMPOSE_PROJECT, ""),
        labels.getOrDefault(ContainerIdentity.SWARM_TASK_NAME, ""),
        image,
        labels,
        reason,
        state,
        crash.deathsInWindow(),
        logs,
        counters);
  }

  private CrashReport.Image image(String reference, String imageId) {
    String tag = "";
    String digest = "";
    String ref = reference;
    int at = ref.indexOf('@');
    if (at >= 0) {
      digest = ref.substring(at + 1);
      ref = ref.substring(0, at);
    }
    int slash = ref.lastIndexOf('/');
    int colon = ref.lastIndexOf(':');
    if (colon > slash) {
      tag = ref.substring(colon + 1);
    } else if (!ref.isEmpty() && !ref.startsWith("sha256:")) {
      tag = "latest";
    }
    if (digest.isEmpty() && !imageId.isEmpty()) {
      try {
        InspectImageResponse img = client.inspectImageCmd(imageId).exec();
        if (img.getRepoDigests() != null && !img.getRepoDigests().isEmpty()) {
          String rd = img.getRepoDigests().get(0);
          digest = rd.substring(rd.indexOf('@') + 1);
        }
      } catch (RuntimeException e) {
        // image removed meanwhile: the id still identifies it
      }
    }
    return new CrashReport.Image(reference, tag, digest, imageId);
  }

  private List<String> logTail(String containerId) {
    List<String> lines = new ArrayList<>();
    StringBuilder partial = new StringBuilder();
    try {
      var callback = client.logContainerCmd(containerId).withStdOut(true).withStdErr(true)
          .withTail(logLines).withFollowStream(false)
          .exec(new ResultCallback.Adapter<Frame>() {
            @Override
            public void onNext(Frame frame) {
              synchronized (lines) {
                partial.append(new String(frame.getPayload(), StandardCharsets.UTF_8));
                int nl;
                while ((nl = partial.indexOf("\n")) >= 0) {
                  lines.add(partial.substring(0, nl));
                  partial.delete(0, nl + 1);
                }
              }
            }
          });
      if (!callback.awaitCompletion(Duration.ofSeconds(10).toMillis(), TimeUnit.MILLISECONDS)) {
        callback.close();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      LOG.log(Level.FINE, "no logs for " + containerId, e);
    }
    synchronized (lines) {
      if (!partial.isEmpty()) {
        lines.add(partial.toString());
      }
      return lines.size() <= logLines ? List.copyOf(lines)
          : List.copyOf(lines.subList(lines.size() - logLines, lines.size()));
    }
  }

  public long dropped() {
    return dropped.get();
  }

  @Override
  public void close() {
    worker.shutdownNow();
  }

  private static String nz(String s) {
    return s == null ? "" : s;
  }
}
