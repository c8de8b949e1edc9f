package org.swarmmon.collector.tsdb;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.swarmmon.labels.Labels;

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
