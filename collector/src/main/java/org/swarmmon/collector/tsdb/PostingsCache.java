package org.swarmmon.collector.tsdb;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Decoded postings lists of one immutable block index, keyed by their offset, evicted least
 * recently used first once their references exceed a budget. Lists handed out are shared and must
 * not be modified.
 */
final class PostingsCache {

  private final long maxRefs;
  private final LinkedHashMap<Long, long[]> lists = new LinkedHashMap<>(16, 0.75f, true);
  private long refs;

  PostingsCache(long maxRefs) {
    this.maxRefs = maxRefs;
  }

  synchronized long[] get(long offset) {
    return lists.get(offset);
  }

  synchronized void put(long offset, long[] list) {
    if (list.length > maxRefs) {
      return;
    }
    long[] old = lists.put(offset, list);
    refs += list.length - (old == null ? 0 : old.length);
    Iterator<Map.Entry<Long, long[]>> it = lists.entrySet().iterator();
    while (refs > maxRefs && it.hasNext()) {
      long[] evicted = it.next().getValue();
      if (evicted == list) {
        continue;
      }
      it.remove();
      refs -= evicted.length;
    }
  }

  synchronized long refs() {
    return refs;
  }
}
