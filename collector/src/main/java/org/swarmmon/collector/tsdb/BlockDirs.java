package org.swarmmon.collector.tsdb;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;

/** The block directories of a TSDB: loading them at open and deleting one safely. */
final class BlockDirs {

  private static final Logger LOG = Logger.getLogger(BlockDirs.class.getName());
  private static final String DELETION_SUFFIX = ".tmp-for-deletion";

  private BlockDirs() {}

  /**
   * The blocks under {@code dir}, oldest first: leftovers of an interrupted write or deletion are
   * removed, an unreadable block is logged and left out, and parents a crashed compaction did not
   * delete are deleted now (the merged block supersedes them).
   */
  static List<Block> load(Path dir) throws IOException {
    List<Block> out = new ArrayList<>();
    List<Path> dirs;
    try (Stream<Path> s = Files.list(dir)) {
      dirs = s.filter(Files::isDirectory).sorted().toList();
    }
    for (Path d : dirs) {
      String name = d.getFileName().toString();
      if (name.endsWith(BlockWriter.TMP_SUFFIX) || name.endsWith(DELETION_SUFFIX)) {
        LOG.log(Level.INFO, "removing leftover temporary block directory " + d);
        Fs.deleteRecursively(d);
        continue;
      }
      if (!Ulid.looksLike(name)) {
        continue;
      }
      try {
        out.add(Block.open(d));
      } catch (IOException | RuntimeException e) {
        LOG.log(Level.SEVERE, "block " + d + " is unreadable and is not served: " + e.getMessage());
      }
    }
    Set<String> parents = new HashSet<>();
    for (Block b : out) {
      b.meta.compaction().parents().forEach(p -> parents.add(p.ulid()));
    }
    List<Block> live = new ArrayList<>();
    for (Block b : out) {
      if (parents.contains(b.meta.ulid())) {
        LOG.log(Level.INFO, "deleting block " + b.dir + " already compacted into another");
        delete(b.dir);
      } else {
        live.add(b);
      }
    }
    live.sort(Comparator.comparingLong(Block::minTime));
    return List.copyOf(live);
  }

  /** Renames the block out of the way first, so a crash mid-deletion never leaves half a block served. */
  static void delete(Path d) throws IOException {
    Path doomed = d.resolveSibling(d.getFileName() + DELETION_SUFFIX);
    Files.move(d, doomed, StandardCopyOption.ATOMIC_MOVE);
    Fs.deleteRecursively(doomed);
  }
}
