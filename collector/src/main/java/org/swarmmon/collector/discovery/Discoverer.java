package org.swarmmon.collector.discovery;

import java.util.List;
import java.util.function.Consumer;
import org.swarmmon.collector.targetgroup.TargetGroup;

/**
 * Finds targets, like one of Prometheus's service discovery mechanisms. {@link #run} blocks until
 * the thread is interrupted, each time passing the complete current list of its target groups.
 */
public interface Discoverer {

  void run(Consumer<List<TargetGroup>> updates) throws InterruptedException;
}
