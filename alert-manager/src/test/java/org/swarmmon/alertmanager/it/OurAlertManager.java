package org.swarmmon.alertmanager.it;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.swarmmon.alertmanager.CommandLine;
import org.swarmmon.alertmanager.app.AlertManagerApplication;
import org.swarmmon.testbed.FreePorts;

/** Our alert-manager started in this JVM with Alertmanager's command line, on a free loopback port. */
public final class OurAlertManager implements AutoCloseable {

  private final ConfigurableApplicationContext context;
  private final String url;

  private OurAlertManager(ConfigurableApplicationContext context, String url) {
    this.context = context;
    this.url = url;
  }

  /** Started with a small start-up warm-up (100 sample alerts, 20 HTTP posts), so tests start quickly. */
  public static OurAlertManager start(Path config, Path storage, String... extra) {
    return start(true, config, storage, extra);
  }

  /** Started with application.yml's start-up warm-up. */
  public static OurAlertManager startWithDefaultWarmup(Path config, Path storage) {
    return start(false, config, storage);
  }

  private static OurAlertManager start(boolean smallWarmup, Path config, Path storage, String... extra) {
    int port = FreePorts.next();
    List<String> args = new ArrayList<>(List.of(
        "--config.file=" + config.toAbsolutePath(),
        "--storage.path=" + storage.toAbsolutePath(),
        "--web.listen-address=127.0.0.1:" + port,
        "--web.external-url=http://127.0.0.1:" + port,
        "--cluster.listen-address="));
    args.addAll(List.of(extra));
    List<String> springArgs = new ArrayList<>(List.of(CommandLine.translate(args.toArray(String[]::new))));
    if (smallWarmup) {
      springArgs.addAll(List.of("--alertmanager.warmup-notifications=100", "--alertmanager.warmup-requests=20"));
    }
    ConfigurableApplicationContext ctx = new SpringApplicationBuilder(AlertManagerApplication.class)
        .run(springArgs.toArray(String[]::new));
    return new OurAlertManager(ctx, "http://127.0.0.1:" + port);
  }

  public String url() {
    return url;
  }

  public <T> T bean(Class<T> type) {
    return context.getBean(type);
  }

  @Override
  public void close() {
    context.close();
  }
}
