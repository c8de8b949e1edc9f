package org.swarmmon.collector.tsdb;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.stream.Stream;

/** Snapshots as Prometheus's admin API makes them: hard links to blocks, plus the head as a block. */
final class Snapshots {

  private static final DateTimeFormatter NAME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssX").withZone(ZoneOffset.UTC);
  private static final SecureRandom RANDOM = new SecureRandom();

  private Snapshots() {}

  /** Creates {@code <parent>/<yyyyMMddTHHmmssZ>-<16 hex>}; {@code head} null skips the head. */
  static Path create(Path parent, List<Block> blocks, Head head, Clock clock) throws IOException {
    Path snap = parent.resolve(NAME.format(clock.instant()) + "-" + String.format("%016x", RANDOM.nextLong()));
    Files.createDirectories(snap);
    for (Block b : blocks) {
      Path target = snap.resolve(b.dir.getFileName());
      try (Stream<Path> files = Files.walk(b.dir)) {
        for (Path f : files.toList()) {
          Path to = target.resolve(b.dir.relativize(f).toString());
          if (Files.isDirectory(f)) {
            Files.createDirectories(to);
          } else {
            Files.createLink(to, f);
          }
        }
      }
    }
    if (head != null && !head.isEmpty()) {
      BlockWriter.write(snap, Ulid.next(clock.millis()), head.minTime(), head.maxTime() + 1, 1, List.of(), List.of(),
          head.allSeries(head.minTime(), head.maxTime()));
    }
    Fs.syncDir(snap);
    return snap;
  }
}
