package org.swarmmon.collector.discovery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import org.swarmmon.collector.config.DiscoveryConfigs.FileSd;
import org.swarmmon.collector.targetgroup.TargetGroup;
import org.swarmmon.labels.Labels;

/**
 * {@code file_sd_configs}: JSON or YAML lists of {@code {targets, labels}} read from the files
 * (globs in the last path element), re-read when a file changes (its content hash, polled) and
 * at {@code refresh_interval}. A file that cannot be read or parsed keeps its previous targets and
 * the error names the file.
 */
public final class FileDiscoverer implements Discoverer {

  private static final Logger LOG = Logger.getLogger(FileDiscoverer.class.getName());
  private static final Pattern LABEL_NAME = Pattern.compile("^[a-zA-Z_][a-zA-Z0-9_]*$");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ObjectMapper YAML = new YAMLMapper();

  private final FileSd config;
  private final Clock clock;
  private final Pause pause;
  private final Duration pollInterval;
  private final Map<Path, List<TargetGroup>> lastGroups = new HashMap<>();
  private final Map<Path, String> lastHashes = new HashMap<>();
  private final Map<Path, String> errors = new HashMap<>();

  public FileDiscoverer(FileSd config, Clock clock, Pause pause, Duration pollInterval) {
    this.config = config;
    this.clock = clock;
    this.pause = pause;
    this.pollInterval = pollInterval;
  }

  @Override
  public void run(Consumer<List<TargetGroup>> updates) throws InterruptedException {
    Instant lastFull = clock.instant();
    updates.accept(refresh(true));
    while (!Thread.currentThread().isInterrupted()) {
      pause.pause(pollInterval);
      boolean full = !clock.instant().isBefore(lastFull.plus(config.refreshInterval()));
      if (full) {
        lastFull = clock.instant();
      }
      if (changed() || full) {
        updates.accept(refresh(true));
      }
    }
    throw new InterruptedException();
  }

  /** The last read error of each file that failed, by file. */
  public synchronized Map<Path, String> errors() {
    return Map.copyOf(errors);
  }

  synchronized boolean changed() {
    List<Path> files = listFiles();
    if (!lastHashes.keySet().equals(new java.util.HashSet<>(files))) {
      return true;
    }
    for (Path p : files) {
      if (!hash(p).equals(lastHashes.get(p))) {
        return true;
      }
    }
    return false;
  }

  /** Re-reads every file and returns the groups of all of them. */
  public synchronized List<TargetGroup> refresh(boolean force) {
    List<Path> files = listFiles();
    Map<Path, List<TargetGroup>> next = new HashMap<>();
    for (Path p : files) {
      String h = hash(p);
      lastHashes.put(p, h);
      try {
        next.put(p, read(p));
        errors.remove(p);
      } catch (IOException | IllegalArgumentException e) {
        String message = "Error reading file " + p + ": " + e.getMessage();
        errors.put(p, message);
        LOG.warning(message);
        next.put(p, lastGroups.getOrDefault(p, List.of()));
      }
    }
    lastHashes.keySet().retainAll(files);
    List<TargetGroup> out = new ArrayList<>();
    for (Map.Entry<Path, List<TargetGroup>> e : lastGroups.entrySet()) {
      if (!next.containsKey(e.getKey())) {
        // the file disappeared: its groups become empty, removing their targets
        for (TargetGroup g : e.getValue()) {
          out.add(new TargetGroup(List.of(), Labels.EMPTY, g.source()));
        }
      }
    }
    lastGroups.clear();
    lastGroups.putAll(next);
    next.values().forEach(out::addAll);
    return out;
  }

  private List<Path> listFiles() {
    TreeSet<Path> out = new TreeSet<>();
    for (String pattern : config.files()) {
      Path p = Path.of(pattern);
      String name = p.getFileName().toString();
      if (!name.contains("*")) {
        if (Files.isRegularFile(p)) {
          out.add(p);
        }
        continue;
      }
      Path dir = p.getParent() == null ? Path.of(".") : p.getParent();
      if (!Files.isDirectory(dir)) {
        continue;
      }
      try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, name)) {
        for (Path f : ds) {
          if (Files.isRegularFile(f)) {
            out.add(f);
          }
        }
      } catch (IOException e) {
        LOG.warning("Error expanding glob " + pattern + ": " + e.getMessage());
      }
    }
    return new ArrayList<>(out);
  }

  static List<TargetGroup> read(Path file) throws IOException {
    String name = file.getFileName().toString().toLowerCase();
    JsonNode root = (name.endsWith(".json") ? JSON : YAML).readTree(file.toFile());
    List<TargetGroup> groups = new ArrayList<>();
    if (root == null || root.isNull() || root.isMissingNode()) {
      return groups;
    }
    if (!root.isArray()) {
      throw new IllegalArgumentException("expected a list of target groups");
    }
    int i = 0;
    for (JsonNode g : root) {
      String source = file + ":" + i++;
      if (g == null || g.isNull()) {
        throw new IllegalArgumentException("nil target group item found (index " + (i - 1) + ")");
      }
      Iterator<String> fields = g.fieldNames();
      while (fields.hasNext()) {
        String f = fields.next();
        if (!f.equals("targets") && !f.equals("labels")) {
          throw new IllegalArgumentException("field " + f + " not found in target group " + source);
        }
      }
      List<Labels> targets = new ArrayList<>();
      for (JsonNode t : g.path("targets")) {
        String addr = t.asText();
        if (addr.contains("/")) {
          throw new IllegalArgumentException("\"" + addr + "\" is not a valid hostname");
        }
        targets.add(Labels.of("__address__", addr));
      }
      Labels.Builder labels = Labels.builder();
      Iterator<Map.Entry<String, JsonNode>> it = g.path("labels").fields();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> e = it.next();
        if (!LABEL_NAME.matcher(e.getKey()).matches()) {
          throw new IllegalArgumentException("\"" + e.getKey() + "\" is not a valid label name");
        }
        labels.set(e.getKey(), e.getValue().asText());
      }
      labels.set("__meta_filepath", file.toString());
      groups.add(new TargetGroup(targets, labels.build(), source));
    }
    return groups;
  }

  private static String hash(Path p) {
    try {
      byte[] sum = MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p));
      return java.util.HexFormat.of().formatHex(sum);
    } catch (IOException e) {
      return "unreadable";
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
