package org.swarmmon.nodeexporter.collector;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Whose network namespace the network collectors (netdev, netstat, sockstat) describe, as the
 * {@code node-exporter.network-namespace} setting chooses it.
 *
 * <p>{@code <procfs>/net} is a link to {@code <procfs>/self/net}: the namespace of the process
 * reading it, so in a container without host networking node_exporter reports the container's
 * interfaces and sockets even with the host's procfs mounted. {@code <procfs>/1/net} is the
 * namespace of the host's init, readable without privileges.
 */
public enum NetworkNamespace {
  /** {@code <procfs>/net}: node_exporter's behaviour. */
  SELF,
  /** {@code <procfs>/1/net}, always. */
  HOST_INIT,
  /** {@code <procfs>/1/net} when procfs is not our own {@code /proc} and it is readable, else self. */
  AUTO;

  /** {@code self}, {@code host-init} or {@code auto}. */
  public static NetworkNamespace parse(String value) {
    String v = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
    return switch (v) {
      case "self" -> SELF;
      case "host-init" -> HOST_INIT;
      case "auto", "" -> AUTO;
      default -> throw new IllegalArgumentException("node-exporter.network-namespace=" + value
          + ": expected self, host-init or auto");
    };
  }

  /** The directory the network collectors read for a procfs mounted at {@code procfs}. */
  public Path netDirectory(Path procfs) {
    Path hostInit = procfs.resolve("1/net");
    return switch (this) {
      case SELF -> procfs.resolve("net");
      case HOST_INIT -> hostInit;
      case AUTO -> !isOwnProc(procfs) && Files.isReadable(hostInit.resolve("dev"))
          ? hostInit : procfs.resolve("net");
    };
  }

  private static boolean isOwnProc(Path procfs) {
    return procfs.toAbsolutePath().normalize().equals(Path.of("/proc"));
  }
}
