package org.swarmmon.nodeexporter.collector;

/**
 * node_exporter's {@code ErrNoData}: the host does not offer what the collector reads (no PSI in
 * the kernel, no os-release file). The collector reports failure, but it is no error worth a warning.
 */
public final class NoDataException extends Exception {

  public NoDataException(String message) {
    super(message);
  }
}
