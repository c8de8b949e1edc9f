package org.swarmmon.alertmanager.dispatch;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.concurrent.Executor;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.swarmmon.alertmanager.alert.Alert;
import org.swarmmon.alertmanager.config.Route;
import org.swarmmon.alertmanager.notify.NotifyContext;
import org.swarmmon.alertmanager.notify.NotifyException;
import org.swarmmon.alertmanager.notify.Pipeline;
import org.swarmmon.labels.Labels;

/**
 * Alertmanager's dispatcher: routes each alert to aggregation groups and flushes them on their
 * timers (group_wait, then group_interval) through the pipeline. Time comes from the clock only;
 * {@link #flushDue} does the work a timer firing does, so tests drive it with a fake clock. The
 * timers are a queue ordered by due time, so finding what is due costs the same with 10 or 10000
 * groups (a scan of every group on each wake-up took a sixth of the CPU in a burst of 3000 groups).
 */
public final class Dispatcher {

  private static final Logger LOG = Logger.getLogger(Dispatcher.class.getName());
  static final Duration MIN_TIMEOUT = Duration.ofSeconds(10);

  private final Route route;
  private final Pipeline pipeline;
  private final Clock clock;
  private final Map<String, AggregationGroup> groups = new LinkedHashMap<>();
  /** Guarded by {@code groups}. An entry is stale when its group was removed or re-timed; it is skipped then. */
  private final PriorityQueue<Timer> timers = new PriorityQueue<>();
  private long timerSeq;
  private final Object wakeUp = new Object();
  private long version;

  public Dispatcher(Route route, Pipeline pipeline, Clock clock) {
    this.route = route;
    this.pipeline = pipeline;
    this.clock = clock;
  }

  public void receive(Alert alert) {
    Instant now = clock.instant();
    for (Route r : route.match(alert.labels())) {
      Labels groupLabels = r.groupLabels(alert.labels());
      String key = r.id() + "|" + groupLabels.fingerprintHex() + groupLabels;
      // inserted under the same lock as flushDue takes, or a new group could be flushed empty
      // before its first alert is in and that alert would wait for group_interval (as in dispatch.go)
      synchronized (groups) {
        AggregationGroup group = groups.get(key);
        if (group == null) {
          group = new AggregationGroup(r, groupLabels, now);
          groups.put(key, group);
          schedule(key, group, group.nextFlush());
        }
        if (group.insert(alert, now)) {
          schedule(key, group, now);
        }
      }
    }
    signal();
  }

  /** Guarded by {@code groups}. */
  private void schedule(String key, AggregationGroup group, Instant at) {
    if (at != null) {
      timers.add(new Timer(at, timerSeq++, key, group));
    }
  }

  /** Runs every flush that is due now on {@code executor}; returns how many started. */
  public int flushDue(Executor executor) {
    Instant now = clock.instant();
    List<Timer> due = new ArrayList<>();
    List<List<Alert>> batches = new ArrayList<>();
    synchronized (groups) {
      while (!timers.isEmpty() && !timers.peek().at().isAfter(now)) {
        Timer t = timers.poll();
        // a group flushing now is re-timed when its flush ends
        if (groups.get(t.key()) == t.group() && t.group().due(now)) {
          due.add(t);
          batches.add(t.group().beginFlush(now));
        }
      }
    }
    for (int i = 0; i < due.size(); i++) {
      Timer t = due.get(i);
      List<Alert> alerts = batches.get(i);
      executor.execute(() -> flush(t.key(), t.group(), alerts, now));
    }
    return due.size();
  }

  /** Flushes due groups on the calling thread (tests). */
  public int flushDue() {
    return flushDue(Runnable::run);
  }

  private void flush(String key, AggregationGroup g, List<Alert> alerts, Instant now) {
    boolean ok = false;
    try {
      if (alerts.isEmpty()) {
        ok = true;
        return;
      }
      Route r = g.route();
      Duration timeout = r.groupInterval().compareTo(MIN_TIMEOUT) < 0 ? MIN_TIMEOUT : r.groupInterval();
      NotifyContext ctx = new NotifyContext(now, g.groupKey(), g.labels(), r.receiver(),
          r.repeatInterval(), now.plus(timeout), r.muteTimeIntervals(), r.activeTimeIntervals());
      ok = pipeline.notify(ctx, alerts);
    } catch (NotifyException e) {
      LOG.log(Level.SEVERE, "Notify for alerts failed: num_alerts=" + alerts.size() + " err=" + e.getMessage());
    } catch (RuntimeException e) {
      LOG.log(Level.SEVERE, "Notify for alerts failed: num_alerts=" + alerts.size(), e);
    } finally {
      g.endFlush(alerts, ok);
      synchronized (groups) {
        if (groups.get(key) == g) {
          schedule(key, g, g.nextFlush());
        }
      }
      signal();
    }
  }

  /** The earliest time a group may be due, or null when none is waiting. */
  public Instant nextDue() {
    synchronized (groups) {
      Timer t = timers.peek();
      return t == null ? null : t.at();
    }
  }

  /** Drops groups left without alerts (Alertmanager does this every 30s). */
  public void removeEmptyGroups() {
    synchronized (groups) {
      groups.values().removeIf(g -> g.nextFlush() != null && g.isEmpty());
    }
  }

  public List<GroupView> groups() {
    List<GroupView> out = new ArrayList<>();
    synchronized (groups) {
      for (AggregationGroup g : groups.values()) {
        List<Alert> alerts = g.alerts();
        alerts.sort(AggregationGroup::compareAlerts);
        out.add(new GroupView(g.groupKey(), g.labels(), g.route().receiver(), alerts));
      }
    }
    return out;
  }

  public Route route() {
    return route;
  }

  private record Timer(Instant at, long seq, String key, AggregationGroup group) implements Comparable<Timer> {
    @Override
    public int compareTo(Timer o) {
      int c = at.compareTo(o.at);
      return c != 0 ? c : Long.compare(seq, o.seq);
    }
  }

  /** A group as the API shows it. */
  public record GroupView(String groupKey, Labels labels, String receiver, List<Alert> alerts) {}

  /** Blocks until something may have become due, at most {@code max}. */
  public void awaitWork(Duration max) throws InterruptedException {
    long seen;
    synchronized (wakeUp) {
      seen = version;
    }
    Instant next = nextDue();
    long waitMs = max.toMillis();
    if (next != null) {
      waitMs = Math.min(waitMs, Duration.between(clock.instant(), next).toMillis());
    }
    if (waitMs <= 0) {
      return;
    }
    synchronized (wakeUp) {
      if (version == seen) {
        wakeUp.wait(waitMs);
      }
    }
  }

  private void signal() {
    synchronized (wakeUp) {
      version++;
      wakeUp.notifyAll();
    }
  }
}
