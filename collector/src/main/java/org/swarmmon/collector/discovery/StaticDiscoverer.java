package org.swarmmon.collector.discovery;

import java.util.List;
import java.util.function.Consumer;
import org.swarmmon.collector.targetgroup.TargetGroup;

/** {@code static_configs}: reports its groups once, then waits to be stopped. */
public final class StaticDiscoverer implements Discoverer {

  private final List<TargetGroup> groups;

  public StaticDiscoverer(List<TargetGroup> groups) {
    this.groups = List.copyOf(groups);
  }

  @Override
  public void run(Consumer<List<TargetGroup>> updates) throws InterruptedException {
    updates.accept(groups);
    Object forever = new Object();
    synchronized (forever) {
      while (true) {
        forever.wait();
      }
    }
  }
}
