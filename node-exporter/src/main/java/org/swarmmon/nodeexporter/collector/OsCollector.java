package org.swarmmon.nodeexporter.collector;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code node_os_info} and {@code node_os_version} from the host's /etc/os-release (else
 * /usr/lib/os-release) under {@code --path.rootfs}.
 */
public final class OsCollector implements Collector {

  private static final Pattern MAJOR_MINOR = Pattern.compile("^[0-9]+\\.?[0-9]*");
  private static final Pattern ASSIGNMENT = Pattern.compile("^(?:export\\s+)?([A-Za-z_][A-Za-z0-9_]*)=(.*)$");

  private final HostPaths paths;

  public OsCollector(HostPaths paths) {
    this.paths = paths;
  }

  @Override
  public String name() {
    return "os";
  }

  @Override
  public void update(MetricFamilies out) throws IOException, NoDataException {
    Path file = null;
    for (String candidate : List.of("/etc/os-release", "/usr/lib/os-release")) {
      if (Files.exists(paths.rootfsPath(candidate))) {
        file = paths.rootfsPath(candidate);
        break;
      }
    }
    if (file == null) {
      throw new NoDataException("no os-release file under " + paths.rootfs());
    }
    Map<String, String> env = parse(file);
    String id = env.getOrDefault("ID", "");
    String idLike = env.getOrDefault("ID_LIKE", "");
    String name = env.getOrDefault("NAME", "");
    out.info("node_os_info", "A metric with a constant '1' value labeled by build_id, id, id_like, "
            + "image_id, image_version, name, pretty_name, variant, variant_id, version, "
            + "version_codename, version_id.",
        "build_id", env.getOrDefault("BUILD_ID", ""), "id", id, "id_like", idLike,
        "image_id", env.getOrDefault("IMAGE_ID", ""),
        "image_version", env.getOrDefault("IMAGE_VERSION", ""), "name", name,
        "pretty_name", env.getOrDefault("PRETTY_NAME", ""), "variant", env.getOrDefault("VARIANT", ""),
        "variant_id", env.getOrDefault("VARIANT_ID", ""), "version", env.getOrDefault("VERSION", ""),
        "version_codename", env.getOrDefault("VERSION_CODENAME", ""),
        "version_id", env.getOrDefault("VERSION_ID", ""));
    Matcher version = MAJOR_MINOR.matcher(env.getOrDefault("VERSION_ID", ""));
    if (version.find() && Double.parseDouble(version.group()) > 0) {
      out.gauge("node_os_version", "Metric containing the major.minor part of the OS version.",
          Double.parseDouble(version.group()), "id", id, "id_like", idLike, "name", name);
    }
  }

  /** os-release(5): shell-style {@code KEY=value} assignments, values optionally quoted. */
  static Map<String, String> parse(Path file) throws IOException {
    Map<String, String> env = new HashMap<>();
    List<String> lines = ProcFiles.lines(file);
    for (int n = 1; n <= lines.size(); n++) {
      String line = lines.get(n - 1).strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      Matcher m = ASSIGNMENT.matcher(line);
      if (!m.matches()) {
        throw ProcFiles.malformed(file, n, "expected KEY=value, found " + ProcFiles.quote(line));
      }
      env.put(m.group(1), unquote(file, n, m.group(2)));
    }
    return env;
  }

  private static String unquote(Path file, int n, String raw) throws IOException {
    if (raw.startsWith("'")) {
      int end = raw.indexOf('\'', 1);
      if (end < 0) {
        throw ProcFiles.malformed(file, n, "unterminated single quote");
      }
      return raw.substring(1, end);
    }
    if (!raw.startsWith("\"")) {
      int comment = raw.indexOf(" #");
      return (comment < 0 ? raw : raw.substring(0, comment)).strip();
    }
    StringBuilder value = new StringBuilder();
    for (int i = 1; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c == '"') {
        return value.toString();
      }
      if (c == '\\' && i + 1 < raw.length() && "\\\"$`".indexOf(raw.charAt(i + 1)) >= 0) {
        c = raw.charAt(++i);
      }
      value.append(c);
    }
    throw ProcFiles.malformed(file, n, "unterminated double quote");
  }
}
