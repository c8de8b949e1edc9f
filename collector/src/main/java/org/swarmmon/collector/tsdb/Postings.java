package org.swarmmon.collector.tsdb;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import org.swarmmon.labels.MatchType;
import org.swarmmon.labels.Matcher;

/** Sorted lists of series references and the selection of series by label matchers over them. */
final class Postings {

  static final long[] EMPTY = new long[0];

  /** An inverted index: label name and value to the sorted references of the series that have it. */
  interface Source {
    long[] postings(String name, String value);

    long[] allPostings();

    /** Sorted distinct values of a label name. */
    Collection<String> labelValues(String name);

    /**
     * The references in the postings of every {@code name="value"} matcher (at least one, all of
     * type {@code EQUAL}); empty when one has none.
     */
    default long[] intersection(List<Matcher> equal) {
      List<long[]> lists = new ArrayList<>();
      for (Matcher m : equal) {
        long[] p = postings(m.name(), m.value());
        if (p.length == 0) {
          return EMPTY;
        }
        lists.add(p);
      }
      return intersectAll(lists);
    }
  }

  private Postings() {}

  /**
   * The references of series matching all matchers, as Prometheus's PostingsForMatchers: matchers
   * that do not match "" intersect the union of their values' postings, matchers that match ""
   * subtract the series whose value does not match; with only the latter, start from all series.
   */
  static long[] forMatchers(Source index, List<Matcher> matchers) {
    List<long[]> wanted = new ArrayList<>();
    List<Matcher> equal = new ArrayList<>();
    List<Matcher> subtracting = new ArrayList<>();
    for (Matcher m : matchers) {
      if (m.matchesEmpty()) {
        subtracting.add(m);
      } else if (m.type() == MatchType.EQUAL) {
        equal.add(m);
      } else {
        long[] p = matching(index, m, true);
        if (p.length == 0) {
          return EMPTY;
        }
        wanted.add(p);
      }
    }
    if (!equal.isEmpty()) {
      long[] p = index.intersection(equal);
      if (p.length == 0) {
        return EMPTY;
      }
      wanted.add(p);
    }
    long[] result = wanted.isEmpty() ? index.allPostings() : intersectAll(wanted);
    if (result.length == 0) {
      return EMPTY;
    }
    for (Matcher m : subtracting) {
      // series with a value that does not match (series without the label match "" and stay)
      long[] excluded = matching(index, m, false);
      result = subtract(result, excluded);
    }
    return result;
  }

  /** The references in every one of {@code lists} (at least one). */
  static long[] intersectAll(List<long[]> lists) {
    // shortest first: {instance="x"} narrows before the metric name's long list is walked
    List<long[]> sorted = new ArrayList<>(lists);
    sorted.sort(Comparator.comparingInt(p -> p.length));
    long[] result = sorted.get(0);
    for (int i = 1; i < sorted.size() && result.length > 0; i++) {
      result = intersect(result, sorted.get(i));
    }
    return result;
  }

  /** Equality matchers that do not match "" never come here: {@link Source#intersection} takes them. */
  private static long[] matching(Source index, Matcher m, boolean wanted) {
    List<long[]> lists = new ArrayList<>();
    List<String> set = wanted ? m.setMatches() : null;
    if (set != null) {
      for (String v : set.stream().distinct().toList()) {
        lists.add(index.postings(m.name(), v));
      }
      return union(lists);
    }
    for (String v : index.labelValues(m.name())) {
      if (m.matches(v) == wanted) {
        lists.add(index.postings(m.name(), v));
      }
    }
    return union(lists);
  }

  static long[] intersect(long[] a, long[] b) {
    if (a.length > b.length) {
      long[] t = a;
      a = b;
      b = t;
    }
    if ((long) a.length * 16 < b.length) {
      return intersectBySearch(a, b);
    }
    long[] out = new long[Math.min(a.length, b.length)];
    int i = 0;
    int j = 0;
    int n = 0;
    while (i < a.length && j < b.length) {
      if (a[i] == b[j]) {
        out[n++] = a[i];
        i++;
        j++;
      } else if (a[i] < b[j]) {
        i++;
      } else {
        j++;
      }
    }
    return Arrays.copyOf(out, n);
  }

  /** Each of the few references of {@code small} looked up in {@code big} by binary search. */
  private static long[] intersectBySearch(long[] small, long[] big) {
    long[] out = new long[small.length];
    int n = 0;
    int from = 0;
    for (long x : small) {
      if (from >= big.length) {
        break;
      }
      int i = Arrays.binarySearch(big, from, big.length, x);
      if (i >= 0) {
        out[n++] = x;
        from = i + 1;
      } else {
        from = -i - 1;
      }
    }
    return Arrays.copyOf(out, n);
  }

  static long[] subtract(long[] a, long[] b) {
    if (b.length == 0) {
      return a;
    }
    long[] out = new long[a.length];
    int j = 0;
    int n = 0;
    for (long x : a) {
      while (j < b.length && b[j] < x) {
        j++;
      }
      if (j >= b.length || b[j] != x) {
        out[n++] = x;
      }
    }
    return Arrays.copyOf(out, n);
  }

  static long[] union(List<long[]> lists) {
    if (lists.isEmpty()) {
      return EMPTY;
    }
    if (lists.size() == 1) {
      return lists.get(0);
    }
    int total = 0;
    for (long[] l : lists) {
      total += l.length;
    }
    long[] all = new long[total];
    int n = 0;
    for (long[] l : lists) {
      System.arraycopy(l, 0, all, n, l.length);
      n += l.length;
    }
    Arrays.sort(all);
    int u = 0;
    for (int i = 0; i < all.length; i++) {
      if (i == 0 || all[i] != all[i - 1]) {
        all[u++] = all[i];
      }
    }
    return Arrays.copyOf(all, u);
  }
}
