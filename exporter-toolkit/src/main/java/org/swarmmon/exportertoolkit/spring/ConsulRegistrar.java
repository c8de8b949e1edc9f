package org.swarmmon.exportertoolkit.spring;

import com.ecwid.consul.v1.ConsulClient;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.cloud.consul.serviceregistry.ConsulAutoRegistration;
import org.springframework.cloud.consul.serviceregistry.ConsulServiceRegistry;
import org.springframework.context.annotation.Lazy;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.swarmmon.exportertoolkit.Backoff;
import org.swarmmon.exportertoolkit.MetricsServer;

/**
 * Registers an exporter served by a {@link MetricsServer} in Consul through Spring Cloud Consul's
 * own registration (service name, tags, metadata, HTTP check, instance id all from
 * {@code spring.cloud.consul.discovery.*}). Spring Cloud registers on a servlet web server's start,
 * which never happens with the JDK's server, so this registers once the application is ready and
 * deregisters on shutdown. It also keeps the registration alive: if Consul is down at start, or
 * loses the service (agent restarted), it registers again, retrying with exponential backoff; the
 * exporter itself never depends on Consul. An application takes it with
 * {@code @Import(ConsulRegistrar.class)}.
 */
@Lazy(false)
@ConditionalOnClass(ConsulServiceRegistry.class)
@ConditionalOnProperty(value = {"spring.cloud.consul.enabled", "spring.cloud.consul.discovery.enabled"},
    havingValue = "true")
public class ConsulRegistrar {

  private static final Logger LOG = Logger.getLogger(ConsulRegistrar.class.getName());

  private final Duration checkEvery;
  private final ObjectProvider<ConsulServiceRegistry> registry;
  private final ObjectProvider<ConsulAutoRegistration> registration;
  private final ObjectProvider<ConsulClient> client;
  private final MetricsServer server;
  private final Backoff backoff;
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "consul-registration");
    t.setDaemon(true);
    return t;
  });
  private final boolean deregister;
  private volatile boolean registered;

  public ConsulRegistrar(ObjectProvider<ConsulServiceRegistry> registry,
      ObjectProvider<ConsulAutoRegistration> registration, ObjectProvider<ConsulClient> client,
      MetricsServer server,
      @Value("${exporter-toolkit.consul.recheck-interval:30s}") Duration checkEvery,
      @Value("${exporter-toolkit.consul.retry-max:1m}") Duration retryMax,
      @Value("${spring.cloud.consul.discovery.deregister:true}") boolean deregister) {
    this.checkEvery = checkEvery;
    this.backoff = new Backoff(Duration.ofSeconds(1), retryMax);
    this.deregister = deregister;
    this.registry = registry;
    this.registration = registration;
    this.client = client;
    this.server = server;
  }

  @EventListener(ApplicationReadyEvent.class)
  void start() {
    ConsulAutoRegistration own = registration.getIfAvailable();
    if (own == null) {
      LOG.warning("Consul is enabled but Spring Cloud Consul made no registration; not registering");
      return;
    }
    // the port the server really bound (server.port may be 0); this also creates the HTTP check
    own.initializePort(server.port());
    schedule(Duration.ZERO);
  }

  /** Stops the re-registration first, so it never registers again after the deregistration. */
  @EventListener(ContextClosedEvent.class)
  void stop() {
    timer.shutdownNow();
    try {
      timer.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    ConsulAutoRegistration own = registration.getIfAvailable();
    ConsulServiceRegistry serviceRegistry = registry.getIfAvailable();
    if (deregister && registered && own != null && serviceRegistry != null) {
      try {
        serviceRegistry.deregister(own);
      } catch (RuntimeException e) {
        LOG.warning("Consul deregistration of " + own.getInstanceId() + " failed: " + e.getMessage());
      }
    }
  }

  private void schedule(Duration delay) {
    if (!timer.isShutdown()) {
      timer.schedule(this::check, delay.toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  private void check() {
    ConsulAutoRegistration own = registration.getIfAvailable();
    ConsulClient consul = client.getIfAvailable();
    ConsulServiceRegistry serviceRegistry = registry.getIfAvailable();
    if (own == null || consul == null || serviceRegistry == null) {
      return;
    }
    try {
      if (!consul.getAgentServices().getValue().containsKey(own.getInstanceId())) {
        if (registered) {
          LOG.info("service " + own.getInstanceId() + " is not registered in Consul; registering");
        }
        registered = true;
        serviceRegistry.register(own);
        if (!consul.getAgentServices().getValue().containsKey(own.getInstanceId())) {
          throw new IllegalStateException("Consul did not keep the registration");
        }
      }
      backoff.succeeded();
      schedule(checkEvery);
    } catch (RuntimeException e) {
      Duration wait = backoff.failed();
      LOG.warning("Consul registration of " + own.getInstanceId() + " failed (" + e.getMessage()
          + "); retrying in " + wait.toSeconds() + "s");
      schedule(wait);
    }
  }
}
