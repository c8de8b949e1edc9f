package org.swarmmon.collector.app;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** The collector's settings; Prometheus's flags are translated to these by {@link PrometheusFlags}. */
@ConfigurationProperties("collector")
public class CollectorProperties {

  /** prometheus.yml to load; empty: the bundled one (scrapes 127.0.0.1:9100 and the collector). */
  private String configFile = "";
  /** How often the config file's content is checked for changes (reload on change). */
  private Duration configCheckInterval = Duration.ofSeconds(5);
  /** How often file_sd files are checked for changes. */
  private Duration fileSdPollInterval = Duration.ofSeconds(5);
  /** Longest wait between retries of a failing Consul. */
  private Duration consulMaxBackoff = Duration.ofSeconds(30);

  private final Storage storage = new Storage();
  private final Web web = new Web();
  private final Query query = new Query();

  public String getConfigFile() {
    return configFile;
  }

  public void setConfigFile(String configFile) {
    this.configFile = configFile;
  }

  public Duration getConfigCheckInterval() {
    return configCheckInterval;
  }

  public void setConfigCheckInterval(Duration configCheckInterval) {
    this.configCheckInterval = configCheckInterval;
  }

  public Duration getFileSdPollInterval() {
    return fileSdPollInterval;
  }

  public void setFileSdPollInterval(Duration fileSdPollInterval) {
    this.fileSdPollInterval = fileSdPollInterval;
  }

  public Duration getConsulMaxBackoff() {
    return consulMaxBackoff;
  }

  public void setConsulMaxBackoff(Duration consulMaxBackoff) {
    this.consulMaxBackoff = consulMaxBackoff;
  }

  public Storage getStorage() {
    return storage;
  }

  public Web getWeb() {
    return web;
  }

  public Query getQuery() {
    return query;
  }

  /** --storage.tsdb.* */
  public static class Storage {
    private String path = "data/collector";
    /** Prometheus duration ({@code 15d}); empty or 0: Prometheus's default of 15d. */
    private String retentionTime = "";
    /** Bytes with a unit ({@code 512MB}, {@code 10GB}); empty or 0: no size limit. */
    private String retentionSize = "";
    /** --storage.remote.read-sample-limit: most samples one remote-read query answers; 0: no limit. */
    private long remoteReadSampleLimit = 50_000_000;
    /** --storage.remote.read-concurrent-limit: remote-read requests served at once (0: no limit). */
    private int remoteReadConcurrentLimit = 10;
    /** --storage.remote.read-max-bytes-in-frame: bytes after which a streamed read frame is cut. */
    private int remoteReadMaxBytesInFrame = 1_048_576;

    public int getRemoteReadMaxBytesInFrame() {
      return remoteReadMaxBytesInFrame;
    }

    public void setRemoteReadMaxBytesInFrame(int remoteReadMaxBytesInFrame) {
      this.remoteReadMaxBytesInFrame = remoteReadMaxBytesInFrame;
    }

    public long getRemoteReadSampleLimit() {
      return remoteReadSampleLimit;
    }

    public void setRemoteReadSampleLimit(long remoteReadSampleLimit) {
      this.remoteReadSampleLimit = remoteReadSampleLimit;
    }

    public int getRemoteReadConcurrentLimit() {
      return remoteReadConcurrentLimit;
    }

    public void setRemoteReadConcurrentLimit(int remoteReadConcurrentLimit) {
      this.remoteReadConcurrentLimit = remoteReadConcurrentLimit;
    }

    public String getPath() {
      return path;
    }

    public void setPath(String path) {
      this.path = path;
    }

    public String getRetentionTime() {
      return retentionTime;
    }

    public void setRetentionTime(String retentionTime) {
      this.retentionTime = retentionTime;
    }

    public String getRetentionSize() {
      return retentionSize;
    }

    public void setRetentionSize(String retentionSize) {
      this.retentionSize = retentionSize;
    }
  }

  /** --web.* */
  public static class Web {
    private String externalUrl = "";
    private String routePrefix = "";
    private String configFile = "";
    private boolean enableRemoteWriteReceiver;
    private boolean enableAdminApi;
    private boolean enableLifecycle;

    public String getExternalUrl() {
      return externalUrl;
    }

    public void setExternalUrl(String externalUrl) {
      this.externalUrl = externalUrl;
    }

    public String getRoutePrefix() {
      return routePrefix;
    }

    public void setRoutePrefix(String routePrefix) {
      this.routePrefix = routePrefix;
    }

    public String getConfigFile() {
      return configFile;
    }

    public void setConfigFile(String configFile) {
      this.configFile = configFile;
    }

    public boolean isEnableRemoteWriteReceiver() {
      return enableRemoteWriteReceiver;
    }

    public void setEnableRemoteWriteReceiver(boolean v) {
      this.enableRemoteWriteReceiver = v;
    }

    public boolean isEnableAdminApi() {
      return enableAdminApi;
    }

    public void setEnableAdminApi(boolean enableAdminApi) {
      this.enableAdminApi = enableAdminApi;
    }

    public boolean isEnableLifecycle() {
      return enableLifecycle;
    }

    public void setEnableLifecycle(boolean enableLifecycle) {
      this.enableLifecycle = enableLifecycle;
    }
  }

  /** --query.* (read by the PromQL API layer). */
  public static class Query {
    private String lookbackDelta = "5m";
    private String timeout = "2m";
    private long maxSamples = 50_000_000;
    private int maxConcurrency = 20;
    /** Rounds of the query warm-up at start (QueryWarmUp); 0 turns it off. */
    private int warmUpRounds = 200;
    private Duration warmUpBudget = Duration.ofSeconds(30);

    public String getLookbackDelta() {
      return lookbackDelta;
    }

    public void setLookbackDelta(String lookbackDelta) {
      this.lookbackDelta = lookbackDelta;
    }

    public String getTimeout() {
      return timeout;
    }

    public void setTimeout(String timeout) {
      this.timeout = timeout;
    }

    public long getMaxSamples() {
      return maxSamples;
    }

    public void setMaxSamples(long maxSamples) {
      this.maxSamples = maxSamples;
    }

    public int getMaxConcurrency() {
      return maxConcurrency;
    }

    public void setMaxConcurrency(int maxConcurrency) {
      this.maxConcurrency = maxConcurrency;
    }

    public int getWarmUpRounds() {
      return warmUpRounds;
    }

    public void setWarmUpRounds(int warmUpRounds) {
      this.warmUpRounds = warmUpRounds;
    }

    public Duration getWarmUpBudget() {
      return warmUpBudget;
    }

    public void setWarmUpBudget(Duration warmUpBudget) {
      this.warmUpBudget = warmUpBudget;
    }
  }
}
