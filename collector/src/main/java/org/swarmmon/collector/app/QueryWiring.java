package org.swarmmon.collector.app;

import java.nio.file.Path;
import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.swarmmon.collector.promql.EngineOptions;
import org.swarmmon.collector.promql.PromqlEngine;
import org.swarmmon.collector.web.AlertmanagersView;
import org.swarmmon.collector.web.ApiParams;
import org.swarmmon.collector.warmup.QueryWarmUp;
import org.swarmmon.collector.warmup.WarmUpRoute;
import org.swarmmon.collector.web.RulesView;
import org.swarmmon.webconfig.WebConfig;
import org.swarmmon.webconfig.WebConfigException;

/** The PromQL engine with the --query.* limits, the web config file and the views the API reads. */
@Configuration(proxyBeanMethods = false)
public class QueryWiring {

  @Bean
  public PromqlEngine promqlEngine(CollectorProperties properties, Clock clock) {
    CollectorProperties.Query q = properties.getQuery();
    EngineOptions options = EngineOptions.defaults()
        .withTimeout(ApiParams.parseDuration(q.getTimeout()))
        .withLookbackDelta(ApiParams.parseDuration(q.getLookbackDelta()))
        .withMaxSamples((int) Math.min(Integer.MAX_VALUE, q.getMaxSamples()))
        .withMaxConcurrent(q.getMaxConcurrency());
    return new PromqlEngine(options, clock);
  }

  @Bean
  public QueryWarmUpRunner queryWarmUp(CollectorProperties properties, PromqlEngine engine, WarmUpRoute route,
      WebConfig webConfig, Clock clock) {
    CollectorProperties.Query q = properties.getQuery();
    return new QueryWarmUpRunner(new QueryWarmUp(engine.options(), clock), q.getWarmUpRounds(), q.getWarmUpBudget(),
        route, webConfig, clock);
  }

  /** Which requests are the warm-up's own, read from the scratch database. */
  @Bean
  public WarmUpRoute warmUpRoute() {
    return new WarmUpRoute();
  }

  /** --web.config.file; a bad file stops the collector at start, as Prometheus exits. */
  @Bean
  public WebConfig webConfig(CollectorProperties properties) throws WebConfigException {
    String file = properties.getWeb().getConfigFile();
    if (file == null || file.isBlank()) {
      return WebConfig.NONE;
    }
    return WebConfig.load(Path.of(file));
  }

  @Bean
  @ConditionalOnMissingBean
  public RulesView rulesView() {
    return RulesView.NONE;
  }

  @Bean
  @ConditionalOnMissingBean
  public AlertmanagersView alertmanagersView() {
    return AlertmanagersView.NONE;
  }
}
