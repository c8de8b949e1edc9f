package org.swarmmon.nodeexporter.collector;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A non-blank line of a procfs table, split at white space, with its place in the file so that a
 * parse error can name it.
 */
record ProcLine(Path file, int number, String text, String[] fields) {

  /** Field {@code i} as a number. */
  double value(int i) throws IOException {
    return ProcFiles.parseDouble(file, number, fields[i]);
  }

  /** A parse error naming this line, as {@code file:line: message}. */
  IOException malformed(String message) {
    return ProcFiles.malformed(file, number, message);
  }
}
