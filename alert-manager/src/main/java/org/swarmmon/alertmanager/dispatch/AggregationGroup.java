package org.swarmmon.alertmanager.dispatch;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.swarmmon.alertmanager.alert.Alert;
import org.swarmmon.alertmanager.config.Route;
import org.swarmmon.labels.Labels;

/** Alerts of one route sharing the group_by labels, flushed on Alertmanager's timers. */
public final class AggregationGroup {

  private final Route route;
  private final Labels labels;
  private final String groupKey;
  private final Map<Long, Alert> alerts = new LinkedHashMap<>();
  private Instant nextFlush;
  private boolean hasFlushed;
  private boolean flushing;

  AggregationGroup(Route route, Labels labels, Instant now) {
    this.route = route;
    this.labels = labels;
    this.groupKey = route.key() + ":" + labels;
    this.nextFlush = now.plus(route.groupWait());
  }

  /** Adds or replaces the alert; true when that moved the group's flush to now. */
  synchronized boolean insert(Alert alert, Instant now) {
    alerts.put(alert.fingerprint(), alert);
    // flush at once when the alert is older than group_wait and nothing was sent yet
    if (!hasFlushed && alert.startsAt().plus(route.groupWait()).isBefore(now) && nextFlush.isAfter(now)) {
      nextFlush = now;
      return true;
    }
    return false;
  }

  synchronized boolean isEmpty() {
    return alerts.isEmpty();
  }

  synchronized boolean due(Instant now) {
    return !flushing && !nextFlush.isAfter(now);
  }

  /** Starts a flush: resets the timer to group_interval and returns the alerts as of now. */
  synchronized List<Alert> beginFlush(Instant now) {
    flushing = true;
    hasFlushed = true;
    nextFlush = now.plus(route.groupInterval());
    List<Alert> out = new ArrayList<>(alerts.size());
    for (Alert a : alerts.values()) {
      // alerts must not resolve as time moves on while the pipeline runs
      out.add(a.resolvedAt(now) ? a : a.withEndsAt(null));
    }
    out.sort(AggregationGroup::compareAlerts);
    return out;
  }

  /** Ends a flush; after success, drops resolved alerts that were not updated meanwhile. */
  synchronized void endFlush(List<Alert> sent, boolean success) {
    flushing = false;
    if (!success) {
      return;
    }
    for (Alert a : sent) {
      if (a.endsAt() == null) {
        continue;
      }
      Alert current = alerts.get(a.fingerprint());
      if (current != null && current.updatedAt().equals(a.updatedAt())) {
        alerts.remove(a.fingerprint());
      }
    }
  }

  synchronized Instant nextFlush() {
    return flushing ? null : nextFlush;
  }

  synchronized List<Alert> alerts() {
    return new ArrayList<>(alerts.values());
  }

  public Route route() {
    return route;
  }

  public Labels labels() {
    return labels;
  }

  public String groupKey() {
    return groupKey;
  }

  /** Alertmanager's AlertSlice order: by job, then instance, then the whole label set. */
  static int compareAlerts(Alert a, Alert b) {
    for (String key : new String[] {"job", "instance"}) {
      boolean ai = a.labels().has(key);
      boolean bi = b.labels().has(key);
      if (!ai && !bi) {
        continue;
      }
      if (!ai) {
        return 1;
      }
      if (!bi) {
        return -1;
      }
      int c = a.labels().get(key).compareTo(b.labels().get(key));
      if (c != 0) {
        return c;
      }
    }
    return before(a.labels(), b.labels()) ? -1 : before(b.labels(), a.labels()) ? 1 : 0;
  }

  /** model.LabelSet.Before. */
  static boolean before(Labels ls, Labels o) {
    if (ls.size() != o.size()) {
      return ls.size() < o.size();
    }
    java.util.TreeSet<String> names = new java.util.TreeSet<>();
    ls.forEach((n, v) -> names.add(n));
    o.forEach((n, v) -> names.add(n));
    for (String n : names) {
      if (!ls.has(n)) {
        return true;
      }
      if (!o.has(n)) {
        return false;
      }
      int c = ls.get(n).compareTo(o.get(n));
      if (c != 0) {
        return c < 0;
      }
    }
    return false;
  }
}
