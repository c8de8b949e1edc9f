package org.swarmmon.nodeexporter.collector;

import java.io.IOException;
import java.nio.file.Path;

/** {@code node_filefd_allocated} and {@code node_filefd_maximum} from /proc/sys/fs/file-nr. */
public final class FilefdCollector implements Collector {

  private final HostPaths paths;

  public FilefdCollector(HostPaths paths) {
    this.paths = paths;
  }

  @Override
  public String name() {
    return "filefd";
  }

  @Override
  public void update(MetricFamilies out) throws IOException {
    Path file = paths.proc("sys/fs/file-nr");
    // allocated, unused (always 0 since Linux 2.6), maximum; tab-separated
    String[] f = ProcFiles.text(file).split("\t");
    if (f.length < 3) {
      throw ProcFiles.malformed(file, 1, "unexpected number of file stats " + f.length);
    }
    out.gauge("node_filefd_allocated", "File descriptor statistics: allocated.",
        ProcFiles.parseDouble(file, 1, f[0]));
    out.gauge("node_filefd_maximum", "File descriptor statistics: maximum.",
        ProcFiles.parseDouble(file, 1, f[2]));
  }
}
