package org.swarmmon.nodeexporter.collector;

import java.nio.file.Path;

/**
 * Where the host's procfs, sysfs and root filesystem are mounted ({@code --path.procfs},
 * {@code --path.sysfs}, {@code --path.rootfs}), {@code /host/proc} etc. in a container.
 *
 * @param net the directory the network collectors read instead of {@code <procfs>/net}
 *     (see {@link NetworkNamespace})
 */
public record HostPaths(Path procfs, Path sysfs, Path rootfs, Path net) {

  /** node_exporter's paths: the network collectors read {@code <procfs>/net}. */
  public HostPaths(Path procfs, Path sysfs, Path rootfs) {
    this(procfs, sysfs, rootfs, procfs.resolve("net"));
  }

  public static HostPaths defaults() {
    return new HostPaths(Path.of("/proc"), Path.of("/sys"), Path.of("/"));
  }

  public HostPaths withNetworkNamespace(NetworkNamespace namespace) {
    return new HostPaths(procfs, sysfs, rootfs, namespace.netDirectory(procfs));
  }

  public Path proc(String relative) {
    return procfs.resolve(relative);
  }

  /** A file of {@code /proc/net}, in the network namespace {@link #net} chose. */
  public Path net(String relative) {
    return net.resolve(relative);
  }

  public Path sys(String relative) {
    return sysfs.resolve(relative);
  }

  /** A host path (such as a mount point) as seen from inside the rootfs mount. */
  public Path rootfsPath(String hostPath) {
    return rootfs.resolve(hostPath.startsWith("/") ? hostPath.substring(1) : hostPath);
  }

  /** A mount point as the host names it, with the rootfs prefix stripped (node_exporter's rule). */
  public String stripRootfs(String mountPoint) {
    String root = rootfs.toString();
    if (root.equals("/") || root.isEmpty()) {
      return mountPoint;
    }
    if (mountPoint.equals(root)) {
      return "/";
    }
    if (mountPoint.startsWith(root + "/")) {
      return mountPoint.substring(root.length());
    }
    return mountPoint;
  }
}
