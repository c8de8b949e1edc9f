package org.swarmmon.nodeexporter.collector;

import com.sun.jna.Library;
import com.sun.jna.Native;
import java.util.logging.Logger;

/** The kernel's page size, getpagesize(3) through JNA, as node_exporter's os.Getpagesize(). */
final class HostPageSize {

  private interface CLibrary extends Library {
    int getpagesize();
  }

  private static final long BYTES = load();

  private HostPageSize() {}

  /** The page size in bytes, or -1 when libc could not be loaded (logged once). */
  static long bytes() {
    return BYTES;
  }

  private static long load() {
    try {
      return Native.load("c", CLibrary.class).getpagesize();
    } catch (RuntimeException | LinkageError e) {
      Logger.getLogger(HostPageSize.class.getName())
          .severe("getpagesize(3) unavailable, sockstat's mem_bytes cannot be computed: " + e);
      return -1;
    }
  }
}
