package org.swarmmon.nodeexporter.collector;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

/**
 * Size, free space and inodes of each mounted filesystem (from /proc/1/mounts and statfs(2)),
 * with node_exporter's mount point and filesystem type exclusions and stuck-mount handling.
 */
public final class FilesystemCollector implements Collector, AutoCloseable {

  public static final String DEFAULT_MOUNT_POINTS_EXCLUDE =
      "^/(dev|proc|run/credentials/.+|sys|var/lib/docker/.+|var/lib/containers/storage/.+)($|/)";
  public static final String DEFAULT_FS_TYPES_EXCLUDE =
      "^(autofs|binfmt_misc|bpf|cgroup2?|configfs|debugfs|devpts|devtmpfs|fusectl|hugetlbfs|iso9660"
          + "|mqueue|nsfs|overlay|proc|procfs|pstore|rpc_pipefs|securityfs|selinuxfs|squashfs"
          + "|sysfs|tracefs)$";

  private record Mount(String device, String mountPoint, String fsType, String options) {}

  private final HostPaths paths;
  private final Pattern mountPointsExclude;
  private final Pattern fsTypesExclude;
  private final Statfs statfs;
  private final Duration mountTimeout;
  private final Set<String> stuckMounts = ConcurrentHashMap.newKeySet();
  private final ExecutorService statfsThreads = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "statfs");
    t.setDaemon(true);
    return t;
  });

  public FilesystemCollector(HostPaths paths, Pattern mountPointsExclude, Pattern fsTypesExclude,
      Statfs statfs, Duration mountTimeout) {
    this.paths = paths;
    this.mountPointsExclude = mountPointsExclude;
    this.fsTypesExclude = fsTypesExclude;
    this.statfs = statfs;
    this.mountTimeout = mountTimeout;
  }

  @Override
  public String name() {
    return "filesystem";
  }

  @Override
  public void update(MetricFamilies out) throws IOException {
    Set<String> seen = new HashSet<>();
    for (Mount mount : mounts()) {
      if (mountPointsExclude.matcher(mount.mountPoint).find()
          || fsTypesExclude.matcher(mount.fsType).find()
          || !seen.add(mount.device + "\0" + mount.mountPoint + "\0" + mount.fsType)) {
        continue;
      }
      double readonly = 0;
      for (String option : mount.options.split(",")) {
        if (option.equals("ro")) {
          readonly = 1;
          break;
        }
      }
      String[] labels = {"device", mount.device, "mountpoint", mount.mountPoint, "fstype", mount.fsType};
      Statfs.Result r = stat(mount.mountPoint);
      out.gauge("node_filesystem_device_error",
          "Whether an error occurred while getting statistics for the given device.",
          r == null ? 1 : 0, labels);
      if (r == null) {
        continue;
      }
      double bsize = r.blockSize();
      out.gauge("node_filesystem_size_bytes", "Filesystem size in bytes.", r.blocks() * bsize, labels);
      out.gauge("node_filesystem_free_bytes", "Filesystem free space in bytes.",
          r.blocksFree() * bsize, labels);
      out.gauge("node_filesystem_avail_bytes",
          "Filesystem space available to non-root users in bytes.", r.blocksAvailable() * bsize, labels);
      out.gauge("node_filesystem_files", "Filesystem total file nodes.", r.files(), labels);
      out.gauge("node_filesystem_files_free", "Filesystem total free file nodes.", r.filesFree(), labels);
      out.gauge("node_filesystem_readonly", "Filesystem read-only status.", readonly, labels);
    }
  }

  /** statfs with a bound: a hung (e.g. NFS) mount is marked stuck and skipped until it answers. */
  private Statfs.Result stat(String mountPoint) {
    if (stuckMounts.contains(mountPoint)) {
      return null;
    }
    Path path = paths.rootfsPath(mountPoint);
    Future<Statfs.Result> call = statfsThreads.submit(() -> statfs.statfs(path));
    try {
      return call.get(mountTimeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      stuckMounts.add(mountPoint);
      statfsThreads.submit(() -> {
        try {
          call.get();
        } finally {
          stuckMounts.remove(mountPoint);
        }
        return null;
      });
      return null;
    } catch (ExecutionException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  private List<Mount> mounts() throws IOException {
    List<ProcLine> table;
    try {
      table = ProcFiles.table(paths.proc("1/mounts"));
    } catch (NoSuchFileException e) {
      // hidepid: fall back to the reading process's own view, as node_exporter does
      table = ProcFiles.table(paths.proc("mounts"));
    }
    java.util.ArrayList<Mount> mounts = new java.util.ArrayList<>(table.size());
    for (ProcLine line : table) {
      String[] f = line.fields();
      if (f.length < 4) {
        throw line.malformed("malformed mount point information: " + ProcFiles.quote(line.text()));
      }
      String mountPoint = f[1].replace("\\040", " ").replace("\\011", "\t");
      mounts.add(new Mount(f[0], paths.stripRootfs(mountPoint), f[2], f[3]));
    }
    return mounts;
  }


  @Override
  public void close() {
    statfsThreads.shutdownNow();
  }
}
