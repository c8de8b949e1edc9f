package org.swarmmon.webconfig;

/** A web config file that cannot be used; the message names the file, as exporter-toolkit's do. */
public final class WebConfigException extends Exception {
  public WebConfigException(String message) {
    super(message);
  }
}
