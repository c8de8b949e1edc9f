package org.swarmmon.labels;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BiConsumer;

/**
 * An immutable set of labels, sorted by name, with no empty values (a label with an empty value
 * is the same as no label, as in Prometheus). Names and values are kept in one flat array so a
 * series costs one object plus its strings.
 */
public final class Labels implements Comparable<Labels>, Iterable<Label> {

  public static final Labels EMPTY = new Labels(new String[0]);
  public static final String METRIC_NAME = "__name__";

  private static final long FNV_OFFSET = 0xcbf29ce484222325L;
  private static final long FNV_PRIME = 0x100000001b3L;
  private static final byte SEPARATOR = (byte) 0xff;

  private final String[] pairs;
  private int hash;

  private Labels(String[] pairs) {
    this.pairs = pairs;
  }

  /** Labels from alternating names and values, in any order. */
  public static Labels of(String... namesAndValues) {
    if (namesAndValues.length % 2 != 0) {
      throw new IllegalArgumentException("odd number of names and values");
    }
    Builder builder = builder();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      builder.set(namesAndValues[i], namesAndValues[i + 1]);
    }
    return builder.build();
  }

  public static Labels of(Map<String, String> map) {
    Builder builder = builder();
    map.forEach(builder::set);
    return builder.build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A builder that starts from these labels. */
  public Builder toBuilder() {
    Builder builder = new Builder();
    forEach(builder::set);
    return builder;
  }

  public int size() {
    return pairs.length / 2;
  }

  public boolean isEmpty() {
    return pairs.length == 0;
  }

  public String name(int i) {
    return pairs[2 * i];
  }

  public String value(int i) {
    return pairs[2 * i + 1];
  }

  /** The value of {@code name}, or {@code ""} when absent (Prometheus's convention). */
  public String get(String name) {
    int i = indexOf(name);
    return i < 0 ? "" : pairs[2 * i + 1];
  }

  public boolean has(String name) {
    return indexOf(name) >= 0;
  }

  public String metricName() {
    return get(METRIC_NAME);
  }

  private int indexOf(String name) {
    int lo = 0;
    int hi = size() - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      int c = pairs[2 * mid].compareTo(name);
      if (c == 0) {
        return mid;
      }
      if (c < 0) {
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    return -1;
  }

  public void forEach(BiConsumer<String, String> action) {
    for (int i = 0; i < pairs.length; i += 2) {
      action.accept(pairs[i], pairs[i + 1]);
    }
  }

  /** These labels without {@code names}. */
  public Labels without(Set<String> names) {
    Builder builder = new Builder();
    forEach((n, v) -> {
      if (!names.contains(n)) {
        builder.set(n, v);
      }
    });
    return builder.build();
  }

  /** Only the labels named in {@code names}. */
  public Labels keep(Set<String> names) {
    Builder builder = new Builder();
    forEach((n, v) -> {
      if (names.contains(n)) {
        builder.set(n, v);
      }
    });
    return builder.build();
  }

  public Labels withoutMetricName() {
    return indexOf(METRIC_NAME) < 0 ? this : without(Set.of(METRIC_NAME));
  }

  public Map<String, String> toMap() {
    Map<String, String> map = new TreeMap<>();
    forEach(map::put);
    return map;
  }

  /**
   * The 64-bit FNV-1a fingerprint Prometheus's {@code model.LabelSet.Fingerprint} computes: names
   * and values each followed by the byte 0xff, in name order. Alertmanager identifies alerts by it.
   */
  public long fingerprint() {
    if (pairs.length == 0) {
      return FNV_OFFSET;
    }
    long h = FNV_OFFSET;
    for (String s : pairs) {
      for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
        h ^= (b & 0xff);
        h *= FNV_PRIME;
      }
      h ^= (SEPARATOR & 0xff);
      h *= FNV_PRIME;
    }
    return h;
  }

  /** The fingerprint as 16 hex digits, as Alertmanager prints it. */
  public String fingerprintHex() {
    String hex = Long.toHexString(fingerprint());
    return hex.length() == 16 ? hex : "0".repeat(16 - hex.length()) + hex;
  }

  @Override
  public Iterator<Label> iterator() {
    return new Iterator<>() {
      private int i;

      @Override
      public boolean hasNext() {
        return i < pairs.length;
      }

      @Override
      public Label next() {
        if (i >= pairs.length) {
          throw new NoSuchElementException();
        }
        Label label = new Label(pairs[i], pairs[i + 1]);
        i += 2;
        return label;
      }
    };
  }

  public List<Label> asList() {
    List<Label> list = new ArrayList<>(size());
    forEach((n, v) -> list.add(new Label(n, v)));
    return list;
  }

  @Override
  public int compareTo(Labels other) {
    int n = Math.min(pairs.length, other.pairs.length);
    for (int i = 0; i < n; i++) {
      int c = pairs[i].compareTo(other.pairs[i]);
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(pairs.length, other.pairs.length);
  }

  @Override
  public boolean equals(Object o) {
    return this == o || (o instanceof Labels other && Arrays.equals(pairs, other.pairs));
  }

  @Override
  public int hashCode() {
    int h = hash;
    if (h == 0) {
      h = Arrays.hashCode(pairs);
      hash = h;
    }
    return h;
  }

  /** Prometheus's notation: {@code {a="1", b="2"}}. */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("{");
    for (int i = 0; i < pairs.length; i += 2) {
      if (i > 0) {
        sb.append(", ");
      }
      sb.append(pairs[i]).append("=\"");
      escape(pairs[i + 1], sb);
      sb.append('"');
    }
    return sb.append('}').toString();
  }

  /** A label value as the text exposition format and PromQL write it: {@code \\}, {@code \"}, {@code \n}. */
  public static void escape(String value, StringBuilder sb) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '\\' -> sb.append("\\\\");
        case '"' -> sb.append("\\\"");
        case '\n' -> sb.append("\\n");
        default -> sb.append(c);
      }
    }
  }

  /** Builds a label set; setting an empty value removes the label. */
  public static final class Builder {
    private final TreeMap<String, String> labels = new TreeMap<>();

    public Builder set(String name, String value) {
      if (value == null || value.isEmpty()) {
        labels.remove(name);
      } else {
        labels.put(name, value);
      }
      return this;
    }

    public Builder remove(String name) {
      labels.remove(name);
      return this;
    }

    public String get(String name) {
      return labels.getOrDefault(name, "");
    }

    public Labels build() {
      if (labels.isEmpty()) {
        return EMPTY;
      }
      String[] pairs = new String[labels.size() * 2];
      int i = 0;
      for (Map.Entry<String, String> e : labels.entrySet()) {
        pairs[i++] = e.getKey();
        pairs[i++] = e.getValue();
      }
      return new Labels(pairs);
    }
  }
}
