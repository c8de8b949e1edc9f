package org.swarmmon.alertmanager.app;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** Settings from the command line (see CommandLine) and the environment. */
@ConfigurationProperties(prefix = "alertmanager")
public record AlertManagerProperties(
    String configFile,
    String storagePath,
    String retention,
    String externalUrl,
    String webConfigFile,
    String clusterListenAddress,
    String slackLayout,
    int warmupNotifications,
    int warmupRequests,
    String version) {}
