package org.swarmmon.alertmanager.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.swarmmon.labels.Labels;
import org.swarmmon.testbed.Http;
import org.swarmmon.testbed.Parts;
import org.swarmmon.testbed.Waits;

/**
 * Done-when 5: two replicas on one alert topic (embedded KRaft broker) split the partitions; each
 * group is notified once; when one replica stops, the other takes its partitions over and, knowing
 * from the shared notification log what was sent, repeats nothing but still sends the resolved
 * notifications for the groups the stopped replica had announced.
 */
@EmbeddedKafka(kraft = true, partitions = 4, topics = "swarmmon-alerts")
class KafkaReplicasTest {

  /** One alert name per partition, so both replicas own some groups. */
  private static List<String> alertNamesCoveringPartitions() {
    List<String> names = new ArrayList<>();
    Set<Integer> partitions = new HashSet<>();
    for (int i = 0; names.size() < 4 && i < 1000; i++) {
      String name = "Group" + i;
      int p = Utils.toPositive(Utils.murmur2(key(name).getBytes(StandardCharsets.UTF_8))) % 4;
      if (partitions.add(p)) {
        names.add(name);
      }
    }
    return names;
  }

  private static String key(String alertname) {
    return Labels.of("alertname", alertname).fingerprintHex();
  }

  private static void send(KafkaProducer<String, String> producer, List<String> names, Instant endsAt) throws Exception {
    for (String name : names) {
      String ends = endsAt == null ? "" : ",\"endsAt\":\"" + endsAt + "\"";
      producer.send(new ProducerRecord<>("swarmmon-alerts", key(name),
          "[{\"labels\":{\"alertname\":\"" + name + "\"},\"annotations\":{\"description\":\"" + name + " broke\"}" + ends + "}]")).get();
    }
  }

  private static Map<String, Long> counts(LocalSlack slack) {
    Map<String, Long> out = new java.util.TreeMap<>();
    slack.messages().forEach(m -> out.merge(m.title(), 1L, Long::sum));
    return out;
  }

  @Test
  void replicasShareGroupsAndFailOverWithoutRepeats(EmbeddedKafkaBroker broker) throws Exception {
    Path dir = Parts.workDir("kafka");
    List<String> names = alertNamesCoveringPartitions();
    try (LocalSlack slack = new LocalSlack();
        KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString()),
            new StringSerializer(), new StringSerializer())) {
      Path config = SlackRouteConfig.write(dir, """
          api_url: %s
          send_resolved: true
          title: '{{ .Status }} {{ .CommonLabels.alertname }}'
          text: '{{ .CommonAnnotations.description }}'
          """.formatted(slack.url()));
      String[] kafkaArgs = {"--alertmanager.kafka.enabled=true",
          "--spring.kafka.bootstrap-servers=" + broker.getBrokersAsString(),
          "--spring.kafka.consumer.properties.session.timeout.ms=10000",
          "--spring.kafka.consumer.properties.heartbeat.interval.ms=1000"};
      OurAlertManager a = OurAlertManager.start(config, dir.resolve("a"), kafkaArgs);
      try (OurAlertManager b = OurAlertManager.start(config, dir.resolve("b"), kafkaArgs)) {
        // the collector resends firing alerts, as Prometheus does
        Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
        while (slack.messages().size() < 4 && Instant.now().isBefore(deadline)) {
          send(producer, names, null);
          Thread.sleep(1000);
        }
        for (int i = 0; i < 5; i++) {
          send(producer, names, null);
          Thread.sleep(1000);
        }
        Map<String, Long> firing = counts(slack);
        assertThat(firing).hasSize(4).allSatisfy((title, n) -> assertThat(n).as(title).isEqualTo(1L));

        a.close();
        a = null;
        // b takes over a's partitions; resends reach b, which must not notify again
        for (int i = 0; i < 20; i++) {
          send(producer, names, null);
          Thread.sleep(1000);
        }
        assertThat(counts(slack)).isEqualTo(firing);

        // everything resolves: b sends the resolved notification for all four groups, once each
        Instant resolvedAt = Instant.now();
        deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (slack.messages().size() < 8 && Instant.now().isBefore(deadline)) {
          send(producer, names, resolvedAt);
          Thread.sleep(1000);
        }
        Thread.sleep(4000);
        Map<String, Long> all = counts(slack);
        assertThat(all).hasSize(8).allSatisfy((title, n) -> assertThat(n).as(title).isEqualTo(1L));
        assertThat(all.keySet()).filteredOn(t -> t.startsWith("resolved ")).hasSize(4);

        // a record that is not an alert is counted as invalid and skipped; the intake goes on
        producer.send(new ProducerRecord<>("swarmmon-alerts", key(names.get(0)), "{\"labels\": 42}")).get();
        Waits.until("b counts the invalid record", Duration.ofSeconds(30),
            () -> Http.get(b.url() + "/metrics").body()
                .contains("alertmanager_kafka_alert_records_total{result=\"invalid\"} 1.0"));
        assertThat(Http.get(b.url() + "/metrics").body())
            .containsPattern("alertmanager_kafka_alert_records_total\\{result=\"accepted\"} [1-9]");
      } finally {
        if (a != null) {
          a.close();
        }
      }
    }
  }
}
