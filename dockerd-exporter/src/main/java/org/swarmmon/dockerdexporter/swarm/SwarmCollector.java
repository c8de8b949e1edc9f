package org.swarmmon.dockerdexporter.swarm;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Info;
import com.github.dockerjava.api.model.LocalNodeState;
import com.github.dockerjava.api.model.Service;
import com.github.dockerjava.api.model.ServiceModeConfig;
import com.github.dockerjava.api.model.SwarmInfo;
import com.github.dockerjava.api.model.SwarmNode;
import com.github.dockerjava.api.model.Task;
import com.github.dockerjava.api.model.TaskState;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.InfoSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The Swarm the engine belongs to. A manager lists nodes, services and tasks; a worker knows only
 * itself. {@code swarm_node_info} keeps the engine's own name and its labels ({@code node_id},
 * {@code swarm_id}) with ours added, so it replaces the engine's copy on the page; the other
 * families are prefixed {@code dockerd_exporter_swarm_}, and the engine's other {@code swarm_*}
 * families (swarm_node_manager, swarm_manager_nodes, ...) pass through untouched.
 */
public final class SwarmCollector {

  static final String STACK_LABEL = "com.docker.stack.namespace";

  private final DockerClient client;

  public SwarmCollector(DockerClient client) {
    this.client = client;
  }

  public List<MetricSnapshot> snapshots(Info info) {
    SwarmInfo swarm = info.getSwarm();
    if (swarm == null || swarm.getLocalNodeState() != LocalNodeState.ACTIVE) {
      return List.of();
    }
    InfoSnapshot.Builder nodeInfo = InfoSnapshot.builder()
        .name("swarm_node")
        .help("Information related to the swarm: a node (all nodes on a manager, the local node on a worker)");
    if (!Boolean.TRUE.equals(swarm.getControlAvailable())) {
      // the API tells only managers the cluster's id
      nodeInfo.dataPoint(info("availability", "", "engine_version", nz(info.getServerVersion()),
          "node_id", nz(swarm.getNodeID()), "node_name", nz(info.getName()), "role", "worker",
          "state", "ready", "swarm_id", ""));
      return List.of(nodeInfo.build());
    }
    // not info's Swarm.Cluster: docker-java reads that field under another name, so it is always null
    String swarmId = nz(client.inspectSwarmCmd().exec().getId());
    List<SwarmNode> nodes = client.listSwarmNodesCmd().exec();
    List<Service> services = client.listServicesCmd().exec();
    List<Task> tasks = client.listTasksCmd().exec();
    for (SwarmNode node : nodes) {
      nodeInfo.dataPoint(info(
          "availability", node.getSpec() == null ? "" : lower(node.getSpec().getAvailability()),
          "engine_version", node.getDescription() == null || node.getDescription().getEngine() == null
              ? "" : nz(node.getDescription().getEngine().getEngineVersion()),
          "node_id", nz(node.getId()),
          "node_name", node.getDescription() == null ? "" : nz(node.getDescription().getHostname()),
          "role", node.getSpec() == null ? "" : lower(node.getSpec().getRole()),
          "state", node.getStatus() == null ? "" : lower(node.getStatus().getState()),
          "swarm_id", swarmId));
    }
    Map<String, Long> runningByService = new HashMap<>();
    Map<String, Map<String, Long>> statesByService = new HashMap<>();
    for (Task task : tasks) {
      String state = task.getStatus() == null ? "unknown" : lower(task.getStatus().getState());
      statesByService.computeIfAbsent(nz(task.getServiceId()), k -> new TreeMap<>())
          .merge(state, 1L, Long::sum);
      if (task.getStatus() != null && task.getStatus().getState() == TaskState.RUNNING
          && task.getDesiredState() == TaskState.RUNNING) {
        runningByService.merge(nz(task.getServiceId()), 1L, Long::sum);
      }
    }
    long activeNodes = nodes.stream().filter(n -> n.getStatus() != null
        && "ready".equals(lower(n.getStatus().getState()))
        && n.getSpec() != null && "active".equals(lower(n.getSpec().getAvailability()))).count();
    GaugeSnapshot.Builder desired = GaugeSnapshot.builder()
        .name("dockerd_exporter_swarm_service_replicas_desired")
        .help("Replicas a service asks for (for a global service, the nodes ready and active)");
    GaugeSnapshot.Builder running = GaugeSnapshot.builder()
        .name("dockerd_exporter_swarm_service_replicas_running")
        .help("Tasks of a service that are running and meant to be");
    GaugeSnapshot.Builder taskStates = GaugeSnapshot.builder()
        .name("dockerd_exporter_swarm_service_tasks")
        .help("Tasks of a service by their current state (history the manager still keeps included)");
    for (Service service : services) {
      String name = service.getSpec() == null ? nz(service.getId()) : nz(service.getSpec().getName());
      Map<String, String> labels = service.getSpec() == null || service.getSpec().getLabels() == null
          ? Map.of() : service.getSpec().getLabels();
      String stack = labels.getOrDefault(STACK_LABEL, "");
      ServiceModeConfig mode = service.getSpec() == null ? null : service.getSpec().getMode();
      boolean global = mode != null && mode.getGlobal() != null;
      long want = global ? activeNodes
          : mode != null && mode.getReplicated() != null ? mode.getReplicated().getReplicas() : 0;
      String modeName = global ? "global" : "replicated";
      desired.dataPoint(point(want, "mode", modeName, "service", name, "stack", stack));
      running.dataPoint(point(runningByService.getOrDefault(nz(service.getId()), 0L),
          "mode", modeName, "service", name, "stack", stack));
      statesByService.getOrDefault(nz(service.getId()), Map.of()).forEach((state, n) ->
          taskStates.dataPoint(point(n, "service", name, "stack", stack, "state", state)));
    }
    List<MetricSnapshot> out = new ArrayList<>();
    out.add(nodeInfo.build());
    out.add(desired.build());
    out.add(running.build());
    out.add(taskStates.build());
    return out;
  }

  private static InfoSnapshot.InfoDataPointSnapshot info(String... labels) {
    return InfoSnapshot.InfoDataPointSnapshot.builder().labels(Labels.of(labels)).build();
  }

  private static GaugeSnapshot.GaugeDataPointSnapshot point(double value, String... labels) {
    return GaugeSnapshot.GaugeDataPointSnapshot.builder().labels(Labels.of(labels)).value(value).build();
  }

  private static String lower(Object o) {
    return o == null ? "" : (o instanceof Enum<?> e ? e.name() : o.toString()).toLowerCase(Locale.ROOT);
  }

  private static String nz(String s) {
    return s == null ? "" : s;
  }
}
