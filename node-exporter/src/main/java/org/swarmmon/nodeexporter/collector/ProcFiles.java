package org.swarmmon.nodeexporter.collector;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Small helpers for reading the text files of procfs and sysfs. */
final class ProcFiles {

  private ProcFiles() {}

  static List<String> lines(Path file) throws IOException {
    return read(file).lines().toList();
  }

  /** The non-blank lines of a table such as /proc/vmstat, each split into its fields. */
  static List<ProcLine> table(Path file) throws IOException {
    List<String> lines = lines(file);
    List<ProcLine> table = new ArrayList<>(lines.size());
    for (int i = 0; i < lines.size(); i++) {
      String[] fields = fields(lines.get(i));
      if (fields.length > 0) {
        table.add(new ProcLine(file, i + 1, lines.get(i), fields));
      }
    }
    return table;
  }

  static String text(Path file) throws IOException {
    return read(file).trim();
  }

  /**
   * The whole file, in reads of at least 8 KiB. procfs reports size 0, and Files.readString then
   * probes with a 1-byte read; numeric sysctls (/proc/sys/fs/file-nr, .../random/poolsize) answer
   * only a read at offset 0, so that probe would leave one character.
   */
  private static String read(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
      byte[] buf = new byte[8192];
      for (int n; (n = in.read(buf, 0, buf.length)) > 0; ) {
        out.write(buf, 0, n);
      }
      return out.toString(StandardCharsets.UTF_8);
    }
  }

  /** A parse error naming the place, as {@code file:line: message}. */
  static IOException malformed(Path file, int lineNumber, String message) {
    return new IOException(file + ":" + lineNumber + ": " + message);
  }

  static double parseDouble(Path file, int lineNumber, String field) throws IOException {
    try {
      return Double.parseDouble(field);
    } catch (NumberFormatException e) {
      throw malformed(file, lineNumber, "invalid number " + quote(field));
    }
  }

  static String quote(String s) {
    return "\"" + s + "\"";
  }

  static String[] fields(String line) {
    String trimmed = line.trim();
    return trimmed.isEmpty() ? new String[0] : trimmed.split("\\s+");
  }
}
