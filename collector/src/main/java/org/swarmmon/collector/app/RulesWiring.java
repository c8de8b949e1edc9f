package org.swarmmon.collector.app;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.prometheus.metrics.core.metrics.Summary;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.swarmmon.collector.config.ConfigReloader;
import org.swarmmon.collector.notifier.AlertHandoff;
import org.swarmmon.collector.notifier.Notifier;
import org.swarmmon.collector.promql.PromqlEngine;
import org.swarmmon.collector.remote.FanoutAppendable;
import org.swarmmon.collector.rules.Rule;
import org.swarmmon.collector.rules.RuleGroup;
import org.swarmmon.collector.rules.RuleManager;
import org.swarmmon.collector.rules.RuleMetrics;
import org.swarmmon.collector.rules.RuleQuery;
import org.swarmmon.collector.rules.RulesApi;
import org.swarmmon.collector.storage.FanoutQueryable;
import org.swarmmon.collector.storage.Storage;
import org.swarmmon.collector.web.RulesView;
import org.swarmmon.labels.Labels;

/**
 * The rules manager: evaluates the configuration's rule files against storage, appends through the
 * same path as scrapes (so remote write gets rule results), hands alerts to the notifier, and feeds
 * /api/v1/rules and /api/v1/alerts.
 */
@Configuration(proxyBeanMethods = false)
public class RulesWiring {

  /** --web.external-url, or Prometheus's default http://HOSTNAME:PORT. */
  static String externalUrl(CollectorProperties properties, int port) {
    String url = properties.getWeb().getExternalUrl();
    if (url != null && !url.isBlank()) {
      return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
    String host;
    try {
      host = InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      host = "localhost";
    }
    return "http://" + host + ":" + port;
  }

  /**
   * Rule and group durations as Prometheus's summaries, with its quantile objectives: client_java's
   * summaries (on the registry beneath Micrometer's), since Micrometer's percentiles are not these.
   */
  @Bean
  public RuleMetrics ruleMetrics(ObjectProvider<PrometheusRegistry> registries) {
    Summary rule = Summary.builder().name("prometheus_rule_evaluation_duration_seconds")
        .help("The duration for a rule to execute.")
        .quantile(0.5, 0.05).quantile(0.9, 0.01).quantile(0.99, 0.001)
        .maxAgeSeconds(600).numberOfAgeBuckets(5).withoutExemplars().build();
    Summary group = Summary.builder().name("prometheus_rule_group_duration_seconds")
        .help("The duration of rule group evaluations.")
        .quantile(0.01, 0.001).quantile(0.05, 0.005).quantile(0.5, 0.05).quantile(0.9, 0.01).quantile(0.99, 0.001)
        .maxAgeSeconds(600).numberOfAgeBuckets(5).withoutExemplars().build();
    registries.ifAvailable(registry -> {
      registry.register(rule);
      registry.register(group);
    });
    return new RuleMetrics(rule::observe, group::observe);
  }

  @Bean(destroyMethod = "close")
  public RuleManager ruleManager(Storage storage, FanoutQueryable queryable, FanoutAppendable appendable, PromqlEngine engine,
      Notifier notifier, ConfigReloader reloader, CollectorProperties properties, Clock clock,
      RuleMetrics metrics, MeterRegistry registry, @Value("${server.port:9090}") int port) {
    String url = externalUrl(properties, port);
    RuleGroup.Options options = new RuleGroup.Options(appendable, storage, RuleQuery.of(engine, queryable),
        AlertHandoff.to(notifier, url), new Rule.EvalContext(Labels.EMPTY, url), clock,
        Duration.ofMinutes(1), Duration.ofHours(1), Duration.ofMinutes(10), metrics);
    RuleManager manager = new RuleManager(options);
    reloader.onApply(config -> {
      manager.applyConfig(config);
      bindGroupMeters(registry, metrics, manager.groups());
    });
    return manager;
  }

  /**
   * Meters for the groups just applied (from the manager's list: a group's own numbers appear only
   * once its thread runs), and none for the groups gone, as Prometheus deletes their series.
   */
  private static void bindGroupMeters(MeterRegistry registry, RuleMetrics metrics, List<RuleGroup> groups) {
    Set<String> keys = groups.stream().map(RuleGroup::key).collect(Collectors.toSet());
    registry.getMeters().stream()
        .filter(m -> m.getId().getName().startsWith("prometheus_rule_") && m.getId().getTag("rule_group") != null
            && !keys.contains(m.getId().getTag("rule_group")))
        .toList().forEach(registry::remove);
    for (String key : keys) {
      FunctionCounter.builder("prometheus_rule_evaluations", metrics, m -> m.group(key).evaluations.sum())
          .description("The total number of rule evaluations.").tag("rule_group", key).register(registry);
      FunctionCounter.builder("prometheus_rule_evaluation_failures", metrics, m -> m.group(key).failures.sum())
          .description("The total number of rule evaluation failures.").tag("rule_group", key).register(registry);
      FunctionCounter.builder("prometheus_rule_group_iterations", metrics,
              m -> m.group(key).iterationsScheduled.sum())
          .description("The total number of scheduled rule group evaluations, whether executed or missed.")
          .tag("rule_group", key).register(registry);
      FunctionCounter.builder("prometheus_rule_group_iterations_missed", metrics,
              m -> m.group(key).iterationsMissed.sum())
          .description("The total number of rule group evaluations missed due to slow rule group evaluation.")
          .tag("rule_group", key).register(registry);
      Gauge.builder("prometheus_rule_group_last_duration_seconds", metrics, m -> m.group(key).lastDurationSeconds)
          .description("The duration of the last rule group evaluation.").tag("rule_group", key).register(registry);
      Gauge.builder("prometheus_rule_group_interval_seconds", metrics, m -> m.group(key).intervalSeconds)
          .description("The interval of a rule group.").tag("rule_group", key).register(registry);
      Gauge.builder("prometheus_rule_group_rules", metrics, m -> m.group(key).rules)
          .description("The number of rules.").tag("rule_group", key).register(registry);
    }
  }

  @Bean
  @Primary
  public RulesView ruleManagerView(RuleManager manager) {
    RulesApi api = new RulesApi(manager::groups);
    return new RulesView() {
      @Override
      public List<Map<String, Object>> groups(String type) {
        return api.groups(type);
      }

      @Override
      public List<Map<String, Object>> alerts() {
        return api.alerts();
      }
    };
  }
}
