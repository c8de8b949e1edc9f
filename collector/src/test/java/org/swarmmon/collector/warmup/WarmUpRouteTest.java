package org.swarmmon.collector.warmup;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.swarmmon.collector.storage.Queryable;

class WarmUpRouteTest {

  private final Queryable real = (mint, maxt) -> null;
  private final Queryable scratch = (mint, maxt) -> null;

  @Test
  void onlyTheOpenWarmUpsTokenReadsTheScratchDatabase() {
    WarmUpRoute route = new WarmUpRoute();
    assertThat(route.queryable(null, real)).isSameAs(real);
    assertThat(route.isWarmUp("")).isFalse();

    String token = route.open(scratch);
    assertThat(token).hasSize(32);
    assertThat(route.isWarmUp(token)).isTrue();
    assertThat(route.queryable(token, real)).isSameAs(scratch);
    assertThat(route.routed()).isEqualTo(1);
    assertThat(route.queryable(null, real)).isSameAs(real);
    assertThat(route.queryable(token.substring(1), real)).isSameAs(real);

    route.close();
    assertThat(route.isWarmUp(token)).isFalse();
    assertThat(route.queryable(token, real)).isSameAs(real);
  }

  @Test
  void everyWarmUpHasItsOwnToken() {
    WarmUpRoute route = new WarmUpRoute();
    String first = route.open(scratch);
    route.close();
    String second = route.open(scratch);
    assertThat(second).isNotEqualTo(first);
    assertThat(route.isWarmUp(first)).isFalse();
  }
}
