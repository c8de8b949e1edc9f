package org.swarmmon.collector.discovery;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.logging.Logger;
import javax.naming.NamingEnumeration;
import javax.naming.NamingException;
import javax.naming.directory.Attribute;
import javax.naming.directory.Attributes;
import javax.naming.directory.DirContext;
import javax.naming.directory.InitialDirContext;
import org.swarmmon.collector.config.DiscoveryConfigs.DnsSd;
import org.swarmmon.collector.targetgroup.TargetGroup;
import org.swarmmon.labels.Labels;

/**
 * {@code dns_sd_configs}: SRV, A and AAAA lookups through the JDK's DNS client (JNDI) against the
 * system's DNS servers (like Prometheus, /etc/hosts is not consulted), refreshed at {@code
 * refresh_interval}. A failed lookup keeps the name's last
 * targets. Labels as Prometheus sets them: {@code __meta_dns_name}, and for SRV {@code
 * __meta_dns_srv_record_target} and {@code __meta_dns_srv_record_port}.
 */
public final class DnsDiscoverer implements Discoverer {

  private static final Logger LOG = Logger.getLogger(DnsDiscoverer.class.getName());

  private final DnsSd config;
  private final Pause pause;
  private final Map<String, TargetGroup> last = new LinkedHashMap<>();

  private final List<String> servers;

  /** Resolves through the system's DNS servers (/etc/resolv.conf), as Prometheus does. */
  public DnsDiscoverer(DnsSd config, Pause pause) {
    this(config, pause, List.of());
  }

  /** Resolves through the given {@code host:port} DNS servers. */
  public DnsDiscoverer(DnsSd config, Pause pause, List<String> servers) {
    this.config = config;
    this.pause = pause;
    this.servers = List.copyOf(servers);
  }

  @Override
  public void run(Consumer<List<TargetGroup>> updates) throws InterruptedException {
    while (!Thread.currentThread().isInterrupted()) {
      updates.accept(refresh());
      pause.pause(config.refreshInterval());
    }
    throw new InterruptedException();
  }

  public List<TargetGroup> refresh() {
    for (String name : config.names()) {
      try {
        last.put(name, new TargetGroup(lookup(name), Labels.EMPTY, name));
      } catch (NamingException e) {
        LOG.warning("Error refreshing DNS targets for " + name + ": " + e);
      }
    }
    return new ArrayList<>(last.values());
  }

  private List<Labels> lookup(String name) throws NamingException {
    List<Labels> out = new ArrayList<>();
    Hashtable<String, String> env = new Hashtable<>();
    env.put("java.naming.factory.initial", "com.sun.jndi.dns.DnsContextFactory");
    env.put("com.sun.jndi.dns.timeout.initial", "2000");
    env.put("com.sun.jndi.dns.timeout.retries", "2");
    if (!servers.isEmpty()) {
      env.put("java.naming.provider.url", String.join(" ",
          servers.stream().map(s -> "dns://" + s).toList()));
    }
    DirContext ctx = new InitialDirContext(env);
    try {
      String type = config.type();
      Attributes attrs = ctx.getAttributes(name, new String[] {type});
      Attribute records = attrs.get(type);
      if (records == null) {
        return out;
      }
      NamingEnumeration<?> all = records.getAll();
      while (all.hasMore()) {
        String record = all.next().toString().trim();
        if (type.equals("SRV")) {
          String[] parts = record.split("\\s+");
          if (parts.length < 4) {
            continue;
          }
          String port = parts[2];
          String target = parts[3].endsWith(".") ? parts[3].substring(0, parts[3].length() - 1) : parts[3];
          out.add(Labels.of("__address__", hostPort(target, port), "__meta_dns_name", name,
              "__meta_dns_srv_record_target", target, "__meta_dns_srv_record_port", port));
        } else {
          out.add(Labels.of("__address__", hostPort(record, String.valueOf(config.port())),
              "__meta_dns_name", name));
        }
      }
    } finally {
      ctx.close();
    }
    return out;
  }

  private static String hostPort(String host, String port) {
    return host.contains(":") ? "[" + host + "]:" + port : host + ":" + port;
  }

  Duration refreshInterval() {
    return config.refreshInterval();
  }
}
