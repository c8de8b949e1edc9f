package org.swarmmon.collector.tsdb;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class RefListTest {

  @Test
  void staysSortedAndDuplicateFreeLikeASortedSet() {
    Random random = new Random(7);
    RefList list = new RefList();
    TreeSet<Long> expected = new TreeSet<>();
    for (int i = 0; i < 20_000; i++) {
      long ref = i < 10_000 ? i + 1 : 1 + random.nextInt(12_000);
      if (random.nextInt(4) == 0) {
        assertThat(list.remove(ref)).isEqualTo(expected.remove(ref));
      } else {
        list.add(ref);
        expected.add(ref);
      }
    }
    assertThat(list.toArray()).containsExactly(expected.stream().mapToLong(Long::longValue).toArray());
    assertThat(list.size()).isEqualTo(expected.size());
  }

  @Test
  void retainsTheReferencesItHoldsAsIntsAndAsLongs() {
    Random random = new Random(11);
    RefList list = new RefList();
    TreeSet<Long> held = new TreeSet<>();
    for (int i = 0; i < 5_000; i++) {
      long ref = 1 + random.nextInt(20_000);
      list.add(ref);
      held.add(ref);
    }
    TreeSet<Long> probe = new TreeSet<>();
    for (int i = 0; i < 700; i++) {
      probe.add((long) 1 + random.nextInt(21_000));
    }
    probe.add(-(Integer.MAX_VALUE + 9L));
    probe.add(Integer.MAX_VALUE + 9L);
    long[] sorted = probe.stream().mapToLong(Long::longValue).toArray();
    long[] expected = probe.stream().filter(held::contains).mapToLong(Long::longValue).toArray();
    assertThat(list.retain(sorted)).containsExactly(expected);
    list.add(Integer.MAX_VALUE + 9L);
    expected = probe.stream().filter(r -> held.contains(r) || r == Integer.MAX_VALUE + 9L)
        .mapToLong(Long::longValue).toArray();
    assertThat(list.retain(sorted)).containsExactly(expected);
    assertThat(new RefList().retain(sorted)).isEmpty();
  }

  @Test
  void switchesToLongsForAReferenceBeyondIntAndKeepsTheOthers() {
    RefList list = new RefList();
    long big = Integer.MAX_VALUE + 5L;
    list.add(3);
    list.add(1);
    assertThat(list.remove(big)).isFalse();
    list.add(big);
    list.add(2);
    list.add(-big);
    assertThat(list.toArray()).containsExactly(-big, 1, 2, 3, big);
    assertThat(list.remove(big)).isTrue();
    assertThat(list.remove(1)).isTrue();
    assertThat(list.toArray()).containsExactly(-big, 2, 3);
  }

  @Test
  void shrinksAfterMostReferencesAreRemoved() {
    RefList list = new RefList();
    for (long r = 1; r <= 1000; r++) {
      list.add(r);
    }
    for (long r = 1; r <= 995; r++) {
      assertThat(list.remove(r)).isTrue();
    }
    assertThat(list.toArray()).containsExactly(996, 997, 998, 999, 1000);
  }
}
