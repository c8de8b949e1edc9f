package org.swarmmon.collector.tsdb;

import java.util.function.Consumer;

/**
 * Head series by reference. References are handed out in sequence, so a paged array is both
 * smaller and faster than a hash map of boxed longs; a removed series leaves an empty slot.
 *
 * <p>Slots are plain array elements, read without a fence on every appended sample: a reader that
 * sees a series there also sees its final fields, and every other field of a series is read under
 * its monitor, which the creator held ({@link HeadSeries#pin}) before putting it here; a reader
 * that misses a new slot falls back to the lookup by labels.
 */
final class SeriesRefs {

  private static final int PAGE_BITS = 12;
  private static final int PAGE = 1 << PAGE_BITS;

  private volatile HeadSeries[][] pages = new HeadSeries[16][];
  private int size;

  HeadSeries get(long ref) {
    if (ref <= 0) {
      return null;
    }
    HeadSeries[][] p = pages;
    long page = ref >>> PAGE_BITS;
    if (page >= p.length) {
      return null;
    }
    HeadSeries[] slots = p[(int) page];
    return slots == null ? null : slots[(int) (ref & (PAGE - 1))];
  }

  synchronized void put(HeadSeries s) {
    int page = (int) (s.ref >>> PAGE_BITS);
    HeadSeries[][] p = pages;
    if (page >= p.length) {
      HeadSeries[][] bigger = new HeadSeries[Math.max(page + 1, p.length * 2)][];
      System.arraycopy(p, 0, bigger, 0, p.length);
      p = bigger;
    }
    if (p[page] == null) {
      p[page] = new HeadSeries[PAGE];
    }
    int slot = (int) (s.ref & (PAGE - 1));
    if (p[page][slot] == null) {
      size++;
    }
    p[page][slot] = s;
    pages = p;
  }

  synchronized void remove(HeadSeries s) {
    HeadSeries[] page = pages[(int) (s.ref >>> PAGE_BITS)];
    int slot = (int) (s.ref & (PAGE - 1));
    if (page[slot] == s) {
      page[slot] = null;
      size--;
    }
  }

  synchronized int size() {
    return size;
  }

  void forEach(Consumer<HeadSeries> action) {
    for (HeadSeries[] page : pages) {
      if (page == null) {
        continue;
      }
      for (int i = 0; i < PAGE; i++) {
        HeadSeries s = page[i];
        if (s != null) {
          action.accept(s);
        }
      }
    }
  }

  java.util.List<HeadSeries> values() {
    java.util.List<HeadSeries> out = new java.util.ArrayList<>();
    forEach(out::add);
    return out;
  }
}
