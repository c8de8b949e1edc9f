package org.swarmmon.collector.tsdb;

import java.util.Arrays;

/**
 * A sorted, growable list of series references for the head's postings; references mostly arrive
 * in increasing order. Every series is in one list per label and in the list of all series, so the
 * lists hold several references per series: they are kept as ints, half the memory of longs, for as
 * long as every reference fits (references are handed out in sequence from 1, so in practice
 * always), and as longs from the first one that does not.
 */
final class RefList {

  private int[] ints = new int[2];
  private long[] longs;
  private int size;

  int size() {
    return size;
  }

  void add(long ref) {
    if (longs == null && ref != (int) ref) {
      longs = new long[Math.max(2, ints.length)];
      for (int i = 0; i < size; i++) {
        longs[i] = ints[i];
      }
      ints = null;
    }
    if (size == capacity()) {
      grow(size < 64 ? size * 2 : size + (size >> 1));
    }
    if (size == 0 || get(size - 1) < ref) {
      set(size++, ref);
      return;
    }
    int at = search(ref);
    if (at >= 0) {
      return;
    }
    int ins = -at - 1;
    move(ins, ins + 1, size - ins);
    set(ins, ref);
    size++;
  }

  boolean remove(long ref) {
    int at = search(ref);
    if (at < 0) {
      return false;
    }
    move(at + 1, at, size - at - 1);
    size--;
    if (size < capacity() / 4 && capacity() > 8) {
      grow(Math.max(2, size * 2));
    }
    return true;
  }

  long[] toArray() {
    if (longs != null) {
      return Arrays.copyOf(longs, size);
    }
    long[] out = new long[size];
    for (int i = 0; i < size; i++) {
      out[i] = ints[i];
    }
    return out;
  }

  /** The references of {@code sorted} that this list holds, in order. */
  long[] retain(long[] sorted) {
    long[] out = new long[sorted.length];
    int n = 0;
    int from = 0;
    for (long x : sorted) {
      if (from >= size) {
        break;
      }
      int i = search(x, from);
      if (i >= 0) {
        out[n++] = x;
        from = i + 1;
      } else {
        from = -i - 1;
      }
    }
    return Arrays.copyOf(out, n);
  }

  private int capacity() {
    return longs != null ? longs.length : ints.length;
  }

  private long get(int i) {
    return longs != null ? longs[i] : ints[i];
  }

  private void set(int i, long ref) {
    if (longs != null) {
      longs[i] = ref;
    } else {
      ints[i] = (int) ref;
    }
  }

  private int search(long ref) {
    return search(ref, 0);
  }

  private int search(long ref, int from) {
    if (longs != null) {
      return Arrays.binarySearch(longs, from, size, ref);
    }
    if (ref != (int) ref) {
      return ref > 0 ? -size - 1 : -from - 1; // beyond every int held
    }
    return Arrays.binarySearch(ints, from, size, (int) ref);
  }

  private void move(int from, int to, int n) {
    if (longs != null) {
      System.arraycopy(longs, from, longs, to, n);
    } else {
      System.arraycopy(ints, from, ints, to, n);
    }
  }

  /** Resizes to {@code capacity} (at least {@link #size}). */
  private void grow(int capacity) {
    if (longs != null) {
      longs = Arrays.copyOf(longs, capacity);
    } else {
      ints = Arrays.copyOf(ints, capacity);
    }
  }
}
