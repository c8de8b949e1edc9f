package org.swarmmon.collector.tsdb;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.swarmmon.labels.Labels;
import org.swarmmon.labels.Matcher;

/** The head's inverted index, kept in memory and updated as series come and go. */
final class MemPostings implements Postings.Source {

  private final Map<String, Map<String, RefList>> index = new HashMap<>();
  private final RefList all = new RefList();
  private final ReadWriteLock lock = new ReentrantReadWriteLock();

  void add(long ref, Labels labels) {
    lock.writeLock().lock();
    try {
      all.add(ref);
      for (int i = 0; i < labels.size(); i++) {
        index.computeIfAbsent(labels.name(i), k -> new HashMap<>())
            .computeIfAbsent(labels.value(i), k -> new RefList())
            .add(ref);
      }
    } finally {
      lock.writeLock().unlock();
    }
  }

  void remove(long ref, Labels labels) {
    lock.writeLock().lock();
    try {
      all.remove(ref);
      for (int i = 0; i < labels.size(); i++) {
        Map<String, RefList> values = index.get(labels.name(i));
        if (values == null) {
          continue;
        }
        RefList list = values.get(labels.value(i));
        if (list != null && list.remove(ref) && list.size() == 0) {
          values.remove(labels.value(i));
          if (values.isEmpty()) {
            index.remove(labels.name(i));
          }
        }
      }
    } finally {
      lock.writeLock().unlock();
    }
  }

  @Override
  public long[] postings(String name, String value) {
    lock.readLock().lock();
    try {
      Map<String, RefList> values = index.get(name);
      RefList list = values == null ? null : values.get(value);
      return list == null ? Postings.EMPTY : list.toArray();
    } finally {
      lock.readLock().unlock();
    }
  }

  /**
   * Intersects the lists in place under the read lock: only the shortest is copied, the others
   * are searched, so {@code {__name__="x",instance="y"}} does not copy the name's list of every
   * target's series on each query.
   */
  @Override
  public long[] intersection(List<Matcher> equal) {
    lock.readLock().lock();
    try {
      RefList[] lists = new RefList[equal.size()];
      for (int i = 0; i < lists.length; i++) {
        Matcher m = equal.get(i);
        Map<String, RefList> values = index.get(m.name());
        lists[i] = values == null ? null : values.get(m.value());
        if (lists[i] == null) {
          return Postings.EMPTY;
        }
      }
      Arrays.sort(lists, Comparator.comparingInt(RefList::size));
      long[] result = lists[0].toArray();
      for (int i = 1; i < lists.length && result.length > 0; i++) {
        result = lists[i].retain(result);
      }
      return result;
    } finally {
      lock.readLock().unlock();
    }
  }

  @Override
  public long[] allPostings() {
    lock.readLock().lock();
    try {
      return all.toArray();
    } finally {
      lock.readLock().unlock();
    }
  }

  @Override
  public Collection<String> labelValues(String name) {
    lock.readLock().lock();
    try {
      Map<String, RefList> values = index.get(name);
      if (values == null) {
        return List.of();
      }
      List<String> sorted = new ArrayList<>(values.keySet());
      sorted.sort(null);
      return sorted;
    } finally {
      lock.readLock().unlock();
    }
  }

  List<String> labelNames() {
    lock.readLock().lock();
    try {
      List<String> names = new ArrayList<>(index.keySet());
      names.sort(null);
      return names;
    } finally {
      lock.readLock().unlock();
    }
  }

  /** Per label name: (value, number of series) pairs; for cardinality statistics. */
  Map<String, Map<String, Integer>> cardinalities() {
    lock.readLock().lock();
    try {
      Map<String, Map<String, Integer>> out = new HashMap<>();
      index.forEach((name, values) -> {
        Map<String, Integer> counts = new HashMap<>();
        values.forEach((v, list) -> counts.put(v, list.size()));
        out.put(name, counts);
      });
      return out;
    } finally {
      lock.readLock().unlock();
    }
  }
}
