package org.swarmmon.collector.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Holds the running configuration and reloads it on demand or when the file's content changes:
 * a new file is parsed and validated first, and only a valid one is applied to every manager; a
 * bad one is refused with its error logged and the running configuration stays.
 */
public final class ConfigReloader {

  private static final Logger LOG = Logger.getLogger(ConfigReloader.class.getName());

  private final Path file;
  private final String bundledText;
  private final Clock clock;
  private final List<Consumer<Config>> appliers = new CopyOnWriteArrayList<>();
  private volatile Config current;
  private volatile String currentHash = "";
  private volatile boolean lastReloadSuccessful;
  private volatile Instant lastReloadSuccess;

  /**
   * @param file the configuration file, or null to use {@code bundledText} (never reloaded)
   */
  public ConfigReloader(Path file, String bundledText, Clock clock) {
    this.file = file;
    this.bundledText = bundledText;
    this.clock = clock;
  }

  /** Registers a manager's {@code applyConfig}; called in registration order on each reload. */
  public void onApply(Consumer<Config> applier) {
    appliers.add(applier);
  }

  /** Loads and applies the configuration; on error the running one stays and the error is thrown. */
  public synchronized Config reload() throws ConfigException {
    String text;
    Config next;
    try {
      if (file == null) {
        text = bundledText;
        next = ConfigLoader.parse(text, "prometheus.yml", Path.of("").toAbsolutePath());
      } else {
        text = read(file);
        next = ConfigLoader.parse(text, file.toString(),
            file.toAbsolutePath().getParent());
      }
    } catch (ConfigException e) {
      lastReloadSuccessful = false;
      LOG.severe("Error reloading config: couldn't load configuration (--config.file=\""
          + (file == null ? "bundled" : file) + "\"): " + e.getMessage());
      throw e;
    }
    StringBuilder failures = new StringBuilder();
    for (Consumer<Config> applier : appliers) {
      try {
        applier.accept(next);
      } catch (RuntimeException e) {
        LOG.log(Level.SEVERE, "Failed to apply configuration", e);
        failures.append(e.getMessage()).append("; ");
      }
    }
    current = next;
    currentHash = hash(text);
    if (failures.length() > 0) {
      lastReloadSuccessful = false;
      throw new ConfigException("one or more errors occurred while applying the new configuration (--config.file=\""
          + (file == null ? "bundled" : file) + "\"): " + failures);
    }
    lastReloadSuccessful = true;
    lastReloadSuccess = clock.instant();
    LOG.info("Completed loading of configuration file " + (file == null ? "(bundled)" : file));
    return next;
  }

  /** Reloads when the file's content changed since the last load; false when nothing changed. */
  public boolean reloadIfChanged() {
    if (file == null) {
      return false;
    }
    String text;
    try {
      text = read(file);
    } catch (ConfigException e) {
      return false;
    }
    String h = hash(text);
    if (h.equals(currentHash)) {
      return false;
    }
    try {
      reload();
    } catch (ConfigException e) {
      currentHash = h; // do not retry the same bad content every poll
    }
    return true;
  }

  private static String read(Path file) throws ConfigException {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new ConfigException("open " + file + ": " + (e instanceof java.nio.file.NoSuchFileException
          ? "no such file or directory" : e.getMessage()), e);
    }
  }

  private static String hash(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
          .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  public Config current() {
    return current;
  }

  /**
   * The running configuration as {@code /api/v1/status/config} shows it: re-marshalled with
   * defaults and with secrets hidden, never the file's text; empty before the first load.
   */
  public String currentYaml() {
    Config c = current;
    return c == null ? "" : ConfigRenderer.render(c);
  }

  public boolean lastReloadSuccessful() {
    return lastReloadSuccessful;
  }

  /** When the configuration was last applied successfully, or null. */
  public Instant lastReloadSuccess() {
    return lastReloadSuccess;
  }

  public Path file() {
    return file;
  }
}
