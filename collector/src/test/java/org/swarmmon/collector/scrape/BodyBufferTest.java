package org.swarmmon.collector.scrape;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import org.junit.jupiter.api.Test;

class BodyBufferTest {

  @Test
  void growsToTheBodyAndShrinksAfterAHugeOne() throws Exception {
    Scraper.BodyBuffer buffer = new Scraper.BodyBuffer();
    buffer.readFrom(new ByteArrayInputStream(new byte[100]), 0);
    assertThat(buffer.length()).isEqualTo(100);
    int small = buffer.capacity();

    buffer.readFrom(new ByteArrayInputStream(new byte[5_000_000]), 0);
    assertThat(buffer.length()).isEqualTo(5_000_000);
    assertThat(buffer.capacity()).isGreaterThanOrEqualTo(5_000_000);

    buffer.readFrom(new ByteArrayInputStream(new byte[100]), 0);
    assertThat(buffer.length()).isEqualTo(100);
    buffer.readFrom(new ByteArrayInputStream(new byte[200]), 0);
    assertThat(buffer.length()).isEqualTo(200);
    assertThat(buffer.capacity()).isEqualTo(small);
  }
}
