package org.swarmmon.collector.tsdb;

import org.swarmmon.labels.Labels;

/**
 * Head series by their labels: lock-striped open-addressing tables of the series themselves (a
 * series holds its labels), about 8 bytes per series where a ConcurrentHashMap takes a 32-byte node
 * and a table slot each. Lookups by labels are off the hot path (a scrape finds its series by
 * reference), so a short uncontended lock per lookup costs less than the memory it saves.
 */
final class SeriesByLabels {

  private static final int STRIPE_BITS = 6;
  private static final HeadSeries REMOVED = new HeadSeries(0, Labels.EMPTY);

  private final Stripe[] stripes = new Stripe[1 << STRIPE_BITS];

  SeriesByLabels() {
    for (int i = 0; i < stripes.length; i++) {
      stripes[i] = new Stripe();
    }
  }

  HeadSeries get(Labels labels) {
    int h = spread(labels.hashCode());
    Stripe stripe = stripes[h & (stripes.length - 1)];
    synchronized (stripe) {
      int at = stripe.find(labels, h >>> STRIPE_BITS);
      return at < 0 ? null : stripe.slots[at];
    }
  }

  /** Adds the series under its labels unless there is one already; returns that one, or null. */
  HeadSeries putIfAbsent(HeadSeries s) {
    int h = spread(s.labels.hashCode());
    Stripe stripe = stripes[h & (stripes.length - 1)];
    synchronized (stripe) {
      int at = stripe.find(s.labels, h >>> STRIPE_BITS);
      if (at >= 0) {
        return stripe.slots[at];
      }
      stripe.insert(s, h >>> STRIPE_BITS);
      return null;
    }
  }

  /** Removes the series if it is the one held under its labels. */
  void remove(HeadSeries s) {
    int h = spread(s.labels.hashCode());
    Stripe stripe = stripes[h & (stripes.length - 1)];
    synchronized (stripe) {
      int at = stripe.find(s.labels, h >>> STRIPE_BITS);
      if (at >= 0 && stripe.slots[at] == s) {
        stripe.slots[at] = REMOVED;
        stripe.size--;
        if (stripe.size < stripe.slots.length >>> 3 && stripe.slots.length > Stripe.INITIAL) {
          stripe.rehash(stripe.slots.length >>> 1);
        }
      }
    }
  }

  int size() {
    int n = 0;
    for (Stripe stripe : stripes) {
      synchronized (stripe) {
        n += stripe.size;
      }
    }
    return n;
  }

  private static int spread(int h) {
    h *= 0x9E3779B9;
    return h ^ (h >>> 16);
  }

  /** One table, linear probing; removed slots keep a marker until the next rehash. */
  private static final class Stripe {
    static final int INITIAL = 16;

    HeadSeries[] slots = new HeadSeries[INITIAL];
    int size;
    /** Slots not null: series and removal markers. */
    int used;

    int find(Labels labels, int h) {
      int mask = slots.length - 1;
      for (int i = h & mask; ; i = (i + 1) & mask) {
        HeadSeries s = slots[i];
        if (s == null) {
          return -1;
        }
        if (s != REMOVED && s.labels.equals(labels)) {
          return i;
        }
      }
    }

    void insert(HeadSeries s, int h) {
      if ((used + 1) * 4 > slots.length * 3) {
        rehash(size * 2 + 2 > slots.length >>> 1 ? slots.length << 1 : slots.length);
      }
      int mask = slots.length - 1;
      int i = h & mask;
      while (slots[i] != null && slots[i] != REMOVED) {
        i = (i + 1) & mask;
      }
      if (slots[i] == null) {
        used++;
      }
      slots[i] = s;
      size++;
    }

    void rehash(int capacity) {
      HeadSeries[] old = slots;
      slots = new HeadSeries[capacity];
      used = 0;
      int mask = capacity - 1;
      for (HeadSeries s : old) {
        if (s != null && s != REMOVED) {
          int i = (spread(s.labels.hashCode()) >>> STRIPE_BITS) & mask;
          while (slots[i] != null) {
            i = (i + 1) & mask;
          }
          slots[i] = s;
          used++;
        }
      }
    }
  }
}
