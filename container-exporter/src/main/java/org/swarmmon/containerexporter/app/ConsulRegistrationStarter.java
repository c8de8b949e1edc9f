package org.swarmmon.containerexporter.app;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.cloud.consul.serviceregistry.ConsulAutoRegistration;
import org.springframework.cloud.consul.serviceregistry.ConsulAutoServiceRegistration;
import org.springframework.context.annotation.Lazy;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.swarmmon.containerexporter.web.ScrapeEndpoints;

/**
 * Starts Spring Cloud Consul's own registration (service, tags, metadata, HTTP check from
 * {@code spring.cloud.consul.discovery.*}) with the port the JDK server bound. Spring Cloud starts it
 * when a servlet web server starts, which never happens here; it deregisters on shutdown itself.
 */
@Component
@Lazy(false)
class ConsulRegistrationStarter {

  private final ObjectProvider<ConsulAutoServiceRegistration> lifecycle;
  private final ObjectProvider<ConsulAutoRegistration> registration;
  private final ScrapeEndpoints endpoints;

  ConsulRegistrationStarter(ObjectProvider<ConsulAutoServiceRegistration> lifecycle,
      ObjectProvider<ConsulAutoRegistration> registration, ScrapeEndpoints endpoints) {
    this.lifecycle = lifecycle;
    this.registration = registration;
    this.endpoints = endpoints;
  }

  @EventListener(ApplicationReadyEvent.class)
  void register() {
    ConsulAutoServiceRegistration consul = lifecycle.getIfAvailable();
    ConsulAutoRegistration own = registration.getIfAvailable();
    if (consul != null && own != null) {
      // the port really bound (server.port may be 0); this also makes the HTTP check's URL
      own.initializePort(endpoints.port());
      consul.start();
    }
  }
}
