package org.swarmmon.collector.targetgroup;

import java.util.List;
import org.swarmmon.labels.Labels;

/**
 * A set of targets sharing labels, as a discoverer reports it. {@code source} identifies the group
 * within its discoverer, so a later report with the same source replaces it (an empty group
 * removes its targets).
 */
public record TargetGroup(List<Labels> targets, Labels labels, String source) {

  public TargetGroup {
    targets = List.copyOf(targets);
  }
}
