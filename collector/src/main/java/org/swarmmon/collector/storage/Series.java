package org.swarmmon.collector.storage;

import java.util.function.Supplier;
import org.swarmmon.labels.Labels;

/** One series: its labels and a fresh iterator over its samples in time order. */
public interface Series {

  Labels labels();

  SampleIterator iterator();

  /** A series whose iterators {@code samples} makes. */
  static Series of(Labels labels, Supplier<SampleIterator> samples) {
    return new Series() {
      @Override
      public Labels labels() {
        return labels;
      }

      @Override
      public SampleIterator iterator() {
        return samples.get();
      }
    };
  }
}
