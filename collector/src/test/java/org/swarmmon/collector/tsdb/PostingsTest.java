package org.swarmmon.collector.tsdb;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.swarmmon.labels.Labels;
import org.swarmmon.labels.MatchType;
import org.swarmmon.labels.Matcher;

class PostingsTest {

  private final MemPostings postings = new MemPostings();
  private final List<Labels> series = new ArrayList<>();

  PostingsTest() {
    add(Labels.of("__name__", "up", "job", "node", "instance", "a:9100"));
    add(Labels.of("__name__", "up", "job", "node", "instance", "b:9100"));
    add(Labels.of("__name__", "up", "job", "cadvisor", "instance", "a:8080"));
    add(Labels.of("__name__", "cpu", "job", "node", "instance", "a:9100", "mode", "idle"));
    add(Labels.of("__name__", "cpu", "job", "node", "instance", "a:9100", "mode", "user"));
  }

  private void add(Labels l) {
    series.add(l);
    postings.add(series.size(), l);
  }

  private List<Labels> select(Matcher... matchers) {
    List<Labels> out = new ArrayList<>();
    for (long ref : Postings.forMatchers(postings, List.of(matchers))) {
      out.add(series.get((int) ref - 1));
    }
    return out;
  }

  /** What a linear scan with the matchers gives: the reference answer. */
  private List<Labels> scan(Matcher... matchers) {
    return series.stream().filter(l -> List.of(matchers).stream().allMatch(m -> m.matches(l))).toList();
  }

  @Test
  void selectionAgreesWithALinearScan() {
    List<Matcher[]> cases = List.of(
        new Matcher[] {Matcher.equal("__name__", "up")},
        new Matcher[] {Matcher.equal("__name__", "up"), Matcher.of(MatchType.NOT_EQUAL, "job", "node")},
        new Matcher[] {Matcher.regex("instance", "a:.*")},
        new Matcher[] {Matcher.regex("job", "node|cadvisor"), Matcher.of(MatchType.NOT_REGEX, "instance", "b.*")},
        new Matcher[] {Matcher.equal("__name__", "cpu"), Matcher.equal("mode", "")},
        new Matcher[] {Matcher.equal("__name__", "up"), Matcher.equal("mode", "")},
        new Matcher[] {Matcher.regex("__name__", ".+"), Matcher.of(MatchType.NOT_EQUAL, "mode", "")},
        new Matcher[] {Matcher.regex("mode", "idle|")},
        new Matcher[] {Matcher.of(MatchType.NOT_REGEX, "job", "node")},
        new Matcher[] {Matcher.equal("job", "absent")},
        new Matcher[] {Matcher.equal("job", "node"), Matcher.equal("instance", "a:9100"), Matcher.equal("mode", "user")},
        new Matcher[] {Matcher.equal("job", "node"), Matcher.equal("instance", "b:9100"), Matcher.regex("mode", ".+")},
        new Matcher[] {Matcher.equal("__name__", "up"), Matcher.equal("job", "cadvisor"), Matcher.equal("x", "y")},
        new Matcher[] {Matcher.regex("job", "(?i)NODE")},
        new Matcher[] {Matcher.regex("job", "node|absent|cadvisor|node")},
        new Matcher[] {Matcher.regex("instance", "a:9100"), Matcher.regex("job", "absent|other")},
        new Matcher[] {Matcher.equal("__name__", "cpu"), Matcher.regex("mode", "user|idle")});
    for (Matcher[] c : cases) {
      assertThat(select(c)).as(List.of(c).toString()).isEqualTo(scan(c));
    }
  }

  @Test
  void removedSeriesLeaveTheIndex() {
    postings.remove(1, series.get(0));
    assertThat(postings.postings("instance", "a:9100")).containsExactly(4, 5);
    postings.remove(3, series.get(2));
    assertThat(postings.labelValues("job")).containsExactly("node");
    assertThat(postings.allPostings()).containsExactly(2, 4, 5);
  }

  @Test
  void setOperations() {
    assertThat(Postings.intersect(new long[] {1, 3, 5, 7}, new long[] {3, 4, 5})).containsExactly(3, 5);
    assertThat(Postings.subtract(new long[] {1, 3, 5, 7}, new long[] {3, 4, 5})).containsExactly(1, 7);
    assertThat(Postings.union(List.of(new long[] {1, 5}, new long[] {2, 5, 9}))).containsExactly(1, 2, 5, 9);
    // a short list against a long one is searched, not walked: the same answer either way round
    java.util.SplittableRandom r = new java.util.SplittableRandom(3);
    for (int round = 0; round < 200; round++) {
      long[] big = r.longs(r.nextInt(0, 5000), 0, 20_000).sorted().distinct().toArray();
      long[] small = r.longs(r.nextInt(0, 40), 0, 20_000).sorted().distinct().toArray();
      long[] expected = java.util.stream.LongStream.of(small)
          .filter(x -> java.util.Arrays.binarySearch(big, x) >= 0).toArray();
      assertThat(Postings.intersect(small, big)).containsExactly(expected);
      assertThat(Postings.intersect(big, small)).containsExactly(expected);
    }
  }
}
