package org.swarmmon.collector.remote;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;
import org.swarmmon.collector.config.Config;
import org.swarmmon.collector.relabel.Relabeler;
import org.swarmmon.collector.config.HttpClients;
import org.swarmmon.labels.Labels;

/**
 * Sends samples to one {@code remote_write} endpoint: write relabeling and external labels
 * applied, samples spread over shards by series (so each series stays in order), each shard
 * batching up to {@code max_samples_per_send} or {@code batch_send_deadline}. A 5xx (and a 429
 * when {@code retry_on_http_429}) is retried with backoff from {@code min_backoff} to {@code
 * max_backoff}; any other error drops the batch, as Prometheus does. A full shard queue drops
 * samples (counted) instead of slowing ingestion.
 */
public final class QueueManager implements AutoCloseable {

  private static final Logger LOG = Logger.getLogger(QueueManager.class.getName());

  /** A sample on its way, labels final. */
  record Pending(Labels labels, long t, double v) {}

  private final Config.RemoteWrite config;
  private final Labels externalLabels;
  private final HttpClient client;
  private final List<Shard> shards = new ArrayList<>();
  private final AtomicLong samplesSent = new AtomicLong();
  private final AtomicLong samplesDropped = new AtomicLong();
  private final AtomicLong samplesFailed = new AtomicLong();
  private final AtomicLong samplesRetried = new AtomicLong();
  private volatile boolean closed;

  public QueueManager(Config.RemoteWrite config, Labels externalLabels) {
    this.config = config;
    this.externalLabels = externalLabels;
    this.client = HttpClients.build(config.http(), config.remoteTimeout());
    int n = Math.max(1, Math.min(config.queue().maxShards(),
        Math.max(config.queue().minShards(), Runtime.getRuntime().availableProcessors())));
    for (int i = 0; i < n; i++) {
      Shard s = new Shard(i);
      shards.add(s);
      s.thread.start();
    }
  }

  public Config.RemoteWrite config() {
    return config;
  }

  /** Queues a committed sample (non-blocking). */
  public void enqueue(Labels labels, long t, double v) {
    if (closed) {
      return;
    }
    Labels out = config.writeRelabelConfigs().isEmpty()
        ? labels : Relabeler.process(labels, config.writeRelabelConfigs());
    if (out == null) {
      return;
    }
    if (!externalLabels.isEmpty()) {
      Labels.Builder b = out.toBuilder();
      Labels finalOut = out;
      externalLabels.forEach((n, val) -> {
        if (!finalOut.has(n)) {
          b.set(n, val);
        }
      });
      out = b.build();
    }
    Shard shard = shards.get(Math.floorMod(out.hashCode(), shards.size()));
    if (!shard.queue.offer(new Pending(out, t, v))) {
      samplesDropped.incrementAndGet();
    }
  }

  public long samplesSent() {
    return samplesSent.get();
  }

  public long samplesDropped() {
    return samplesDropped.get();
  }

  public long samplesFailed() {
    return samplesFailed.get();
  }

  public long samplesRetried() {
    return samplesRetried.get();
  }

  /** Samples waiting in the shards' queues. */
  public int pending() {
    return shards.stream().mapToInt(s -> s.queue.size()).sum();
  }

  private final class Shard {
    final BlockingQueue<Pending> queue;
    final Thread thread;

    Shard(int index) {
      queue = new ArrayBlockingQueue<>(Math.max(1, config.queue().capacity()));
      thread = new Thread(this::run, "remote-write-" + name() + "-" + index);
      thread.setDaemon(true);
    }

    void run() {
      int max = Math.max(1, config.queue().maxSamplesPerSend());
      long deadline = config.queue().batchSendDeadline().toNanos();
      List<Pending> batch = new ArrayList<>(max);
      try {
        while (!closed || !queue.isEmpty()) {
          long until = System.nanoTime() + deadline;
          while (batch.size() < max) {
            long left = until - System.nanoTime();
            if (left <= 0) {
              break;
            }
            Pending p = queue.poll(left, TimeUnit.NANOSECONDS);
            if (p == null) {
              break;
            }
            batch.add(p);
            queue.drainTo(batch, max - batch.size());
          }
          if (!batch.isEmpty()) {
            send(batch);
            batch.clear();
          }
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private void send(List<Pending> batch) throws InterruptedException {
    Map<Labels, List<TimeSeries.Sample>> bySeries = new LinkedHashMap<>();
    for (Pending p : batch) {
      bySeries.computeIfAbsent(p.labels(), k -> new ArrayList<>())
          .add(new TimeSeries.Sample(p.t(), p.v()));
    }
    List<TimeSeries> series = new ArrayList<>();
    bySeries.forEach((l, s) -> series.add(new TimeSeries(l, s)));
    byte[] body;
    try {
      body = WriteRequestCodec.encode(series);
    } catch (IOException e) {
      samplesFailed.addAndGet(batch.size());
      LOG.warning("remote write " + name() + ": encoding failed: " + e);
      return;
    }
    Duration backoff = config.queue().minBackoff();
    while (true) {
      String error;
      boolean recoverable;
      try {
        HttpRequest.Builder req = HttpRequest.newBuilder(URI.create(config.url()))
            .timeout(config.remoteTimeout())
            .header("Content-Encoding", "snappy")
            .header("Content-Type", "application/x-protobuf")
            .header("User-Agent", HttpClients.USER_AGENT)
            .header("X-Prometheus-Remote-Write-Version", "0.1.0")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        config.headers().forEach(req::header);
        String auth = HttpClients.authorization(config.http());
        if (auth != null) {
          req.header("Authorization", auth);
        }
        HttpResponse<String> r = client.send(req.build(), HttpResponse.BodyHandlers.ofString());
        int status = r.statusCode();
        if (status / 100 == 2) {
          samplesSent.addAndGet(batch.size());
          return;
        }
        String line = r.body().lines().findFirst().orElse("");
        error = "server returned HTTP status " + status + ": " + line;
        recoverable = status / 100 == 5 || (status == 429 && config.queue().retryOnHttp429());
      } catch (IOException e) {
        error = e.toString();
        recoverable = true;
      }
      if (!recoverable || closed) {
        samplesFailed.addAndGet(batch.size());
        LOG.warning("remote write " + name() + ": non-recoverable error, dropping " + batch.size()
            + " samples: " + error);
        return;
      }
      samplesRetried.addAndGet(batch.size());
      LOG.fine("remote write " + name() + ": retrying after " + backoff + ": " + error);
      Thread.sleep(backoff.toMillis());
      Duration doubled = backoff.multipliedBy(2);
      backoff = doubled.compareTo(config.queue().maxBackoff()) > 0
          ? config.queue().maxBackoff() : doubled;
    }
  }

  private String name() {
    return config.name().isEmpty() ? config.url() : config.name();
  }

  /** Stops accepting samples; shards flush what they hold within {@code timeout}. */
  public void close(Duration timeout) {
    closed = true;
    long until = System.nanoTime() + timeout.toNanos();
    for (Shard s : shards) {
      try {
        s.thread.join(Math.max(1, (until - System.nanoTime()) / 1_000_000));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      s.thread.interrupt();
    }
  }

  @Override
  public void close() {
    close(Duration.ofSeconds(5));
  }
}
