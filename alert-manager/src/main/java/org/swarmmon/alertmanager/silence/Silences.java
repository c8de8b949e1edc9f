package org.swarmmon.alertmanager.silence;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import org.swarmmon.alertmanager.persist.SnapshotFile;
import org.swarmmon.labels.Labels;
import org.swarmmon.labels.MatchType;
import org.swarmmon.labels.Matcher;

/**
 * The silences (Alertmanager's silence package): create, update in place when allowed, otherwise
 * expire and replace; every change is written to the snapshot file before it is acknowledged.
 */
public final class Silences {

  private static final ObjectMapper JSON = new ObjectMapper();
  /** Go's zero time, what Alertmanager's "invalid zero ... timestamp" checks mean. */
  private static final Instant GO_ZERO = Instant.parse("0001-01-01T00:00:00Z");

  private final Clock clock;
  private final Duration retention;
  private final SnapshotFile file;
  private final Map<String, Silence> silences = new LinkedHashMap<>();
  private volatile Consumer<Silences> onChange = s -> {};

  public Silences(Clock clock, Duration retention, SnapshotFile file) {
    this.clock = clock;
    this.retention = retention;
    this.file = file;
    load();
  }

  public void onChange(Consumer<Silences> listener) {
    this.onChange = listener;
  }

  /** Creates or updates; returns the id the silence now has (a new one when it had to be replaced). */
  public String set(Silence silence) {
    String id;
    synchronized (this) {
      Instant now = clock.instant();
      Silence prev = silence.id() == null || silence.id().isEmpty() ? null : silences.get(silence.id());
      if (silence.id() != null && !silence.id().isEmpty() && prev == null) {
        throw new SilenceNotFoundException();
      }
      if (prev != null && canUpdate(prev, silence, now)) {
        Silence updated = silence.withTimes(silence.startsAt(), silence.endsAt(), now);
        validate(updated);
        silences.put(prev.id(), updated);
        persist();
        id = prev.id();
        onChange.accept(this);
        return id;
      }
      id = UUID.randomUUID().toString();
      Instant start = silence.startsAt().isBefore(now) ? now : silence.startsAt();
      Silence created = silence.withId(id).withTimes(start, silence.endsAt(), now);
      // validated before the one it replaces is expired, so a refused update loses nothing
      validate(created);
      if (prev != null && prev.state(now) != Silence.State.EXPIRED) {
        expireLocked(prev.id(), now);
      }
      silences.put(id, created);
      persist();
    }
    onChange.accept(this);
    return id;
  }

  public void expire(String id) {
    synchronized (this) {
      expireLocked(id, clock.instant());
      persist();
    }
    onChange.accept(this);
  }

  private void expireLocked(String id, Instant now) {
    Silence s = silences.get(id);
    if (s == null) {
      throw new SilenceNotFoundException();
    }
    switch (s.state(now)) {
      case EXPIRED -> throw new IllegalArgumentException("silence " + id + " already expired");
      case ACTIVE -> silences.put(id, s.withTimes(s.startsAt(), now, now));
      case PENDING -> silences.put(id, s.withTimes(now, now, now));
    }
  }

  private static boolean canUpdate(Silence a, Silence b, Instant now) {
    if (!a.matchers().equals(b.matchers())) {
      return false;
    }
    switch (a.state(now)) {
      case ACTIVE:
        if (b.startsAt().getEpochSecond() != a.startsAt().getEpochSecond()) {
          return false;
        }
        if (b.endsAt().isBefore(now)) {
          return false;
        }
        break;
      case PENDING:
        if (b.startsAt().isBefore(now)) {
          return false;
        }
        break;
      default:
        return false;
    }
    return true;
  }

  static void validate(Silence s) {
    if (s.matchers().isEmpty()) {
      throw new IllegalArgumentException("at least one matcher required");
    }
    for (int i = 0; i < s.matchers().size(); i++) {
      Matcher m = s.matchers().get(i);
      if (!m.name().matches("[a-zA-Z_][a-zA-Z0-9_]*")) {
        throw new IllegalArgumentException("invalid label matcher " + i + ": invalid label name \"" + m.name() + "\"");
      }
    }
    if (s.matchers().stream().allMatch(Matcher::matchesEmpty)) {
      throw new IllegalArgumentException("at least one matcher must not match the empty string");
    }
    if (s.startsAt() == null || s.startsAt().equals(GO_ZERO)) {
      throw new IllegalArgumentException("invalid zero start timestamp");
    }
    if (s.endsAt() == null || s.endsAt().equals(GO_ZERO)) {
      throw new IllegalArgumentException("invalid zero end timestamp");
    }
    if (s.endsAt().isBefore(s.startsAt())) {
      throw new IllegalArgumentException("end time must not be before start time");
    }
  }

  public synchronized Optional<Silence> get(String id) {
    return Optional.ofNullable(silences.get(id));
  }

  public synchronized List<Silence> all() {
    return new ArrayList<>(silences.values());
  }

  /** The ids of active silences muting these labels, sorted. */
  public synchronized List<String> mutedBy(Labels labels) {
    Instant now = clock.instant();
    List<String> ids = new ArrayList<>();
    for (Silence s : silences.values()) {
      if (s.state(now) == Silence.State.ACTIVE && s.matches(labels)) {
        ids.add(s.id());
      }
    }
    ids.sort(Comparator.naturalOrder());
    return ids;
  }

  /** Removes silences expired for longer than the retention; returns how many. */
  public int collectGarbage() {
    int removed;
    synchronized (this) {
      Instant limit = clock.instant().minus(retention);
      int before = silences.size();
      silences.values().removeIf(s -> s.endsAt().isBefore(limit));
      removed = before - silences.size();
      if (removed > 0) {
        persist();
      }
    }
    return removed;
  }

  public synchronized Map<Silence.State, Integer> countByState() {
    Instant now = clock.instant();
    Map<Silence.State, Integer> counts = new LinkedHashMap<>();
    for (Silence.State st : Silence.State.values()) {
      counts.put(st, 0);
    }
    silences.values().forEach(s -> counts.merge(s.state(now), 1, Integer::sum));
    return counts;
  }

  private record StoredMatcher(String name, String value, String type) {}

  private record StoredSilence(String id, List<StoredMatcher> matchers, String startsAt, String endsAt,
      String updatedAt, String createdBy, String comment) {}

  private void persist() {
    if (file == null) {
      return;
    }
    List<StoredSilence> stored = new ArrayList<>();
    for (Silence s : silences.values()) {
      List<StoredMatcher> ms = s.matchers().stream()
          .map(m -> new StoredMatcher(m.name(), m.value(), m.type().operator())).toList();
      stored.add(new StoredSilence(s.id(), ms, s.startsAt().toString(), s.endsAt().toString(),
          s.updatedAt().toString(), s.createdBy(), s.comment()));
    }
    try {
      file.write(JSON.writeValueAsBytes(stored));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void load() {
    if (file == null) {
      return;
    }
    Optional<byte[]> bytes = file.read();
    if (bytes.isEmpty()) {
      return;
    }
    try {
      List<StoredSilence> stored = JSON.readValue(bytes.get(), new TypeReference<List<StoredSilence>>() {});
      for (StoredSilence s : stored) {
        List<Matcher> ms = s.matchers().stream()
            .map(m -> Matcher.of(MatchType.ofOperator(m.type()), m.name(), m.value())).toList();
        silences.put(s.id(), new Silence(s.id(), ms, Instant.parse(s.startsAt()), Instant.parse(s.endsAt()),
            Instant.parse(s.updatedAt()), s.createdBy(), s.comment()));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read silences from " + file.path(), e);
    }
  }
}
