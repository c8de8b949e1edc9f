package org.swarmmon.collector.tsdb;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.swarmmon.collector.storage.Querier;
import org.swarmmon.collector.storage.SampleIterator;
import org.swarmmon.collector.storage.Series;
import org.swarmmon.labels.Labels;
import org.swarmmon.labels.Matcher;

/** Reads the blocks overlapping the range and the head, and merges series with equal labels. */
final class TsdbQuerier implements Querier {

  private final Head head;
  private final List<Block> blocks;
  private final long mint;
  private final long maxt;

  TsdbQuerier(Head head, List<Block> blocks, long mint, long maxt) {
    this.head = head;
    this.blocks = blocks.stream().filter(b -> b.overlaps(mint, maxt)).toList();
    this.mint = mint;
    this.maxt = maxt;
  }

  private boolean headOverlaps() {
    return !head.isEmpty() && head.minTime() <= maxt && head.maxTime() >= mint;
  }

  @Override
  public List<Series> select(List<Matcher> matchers) {
    List<SeriesChunks> all = new ArrayList<>();
    for (Block b : blocks) {
      all.addAll(b.series(matchers, mint, maxt));
    }
    if (headOverlaps()) {
      all.addAll(head.series(matchers, mint, maxt));
    }
    // stable: equal labels keep block (older) before head order
    all.sort((a, b) -> a.labels().compareTo(b.labels()));
    List<Series> out = new ArrayList<>();
    for (int i = 0; i < all.size(); ) {
      int j = i + 1;
      while (j < all.size() && all.get(j).labels().equals(all.get(i).labels())) {
        j++;
      }
      if (j == i + 1) {
        out.add(all.get(i).asSeries(mint, maxt));
      } else {
        out.add(merged(all.subList(i, j)));
      }
      i = j;
    }
    return out;
  }

  private Series merged(List<SeriesChunks> parts) {
    List<SeriesChunks> copy = List.copyOf(parts);
    Labels labels = copy.get(0).labels();
    return Series.of(labels, () -> {
      List<SampleIterator> its = new ArrayList<>();
      for (SeriesChunks s : copy) {
        its.add(s.iterator(mint, maxt));
      }
      return new MergedIterator(its);
    });
  }

  @Override
  public List<String> labelNames(List<Matcher> matchers) {
    TreeSet<String> names = new TreeSet<>();
    if (matchers.isEmpty()) {
      for (Block b : blocks) {
        names.addAll(b.index.labelNames());
      }
      if (headOverlaps()) {
        names.addAll(head.postings.labelNames());
      }
    } else {
      for (Series s : select(matchers)) {
        for (int i = 0; i < s.labels().size(); i++) {
          names.add(s.labels().name(i));
        }
      }
    }
    return new ArrayList<>(names);
  }

  @Override
  public List<String> labelValues(String name, List<Matcher> matchers) {
    TreeSet<String> values = new TreeSet<>();
    if (matchers.isEmpty()) {
      for (Block b : blocks) {
        values.addAll(b.index.labelValues(name));
      }
      if (headOverlaps()) {
        values.addAll(head.labelValues(name));
      }
    } else {
      for (Series s : select(matchers)) {
        String v = s.labels().get(name);
        if (!v.isEmpty()) {
          values.add(v);
        }
      }
    }
    return new ArrayList<>(values);
  }

  @Override
  public void close() {
    // blocks are memory-mapped; a mapping stays valid after its block is deleted
  }
}
