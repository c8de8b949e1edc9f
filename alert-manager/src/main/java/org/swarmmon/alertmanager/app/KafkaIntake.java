package org.swarmmon.alertmanager.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.prometheus.metrics.core.metrics.Counter;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.kafka.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.CommonLoggingErrorHandler;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.MessageListener;
import org.swarmmon.alertmanager.AlertManager;
import org.swarmmon.alertmanager.api.ApiResponse;
import org.swarmmon.alertmanager.api.ApiV2;
import org.swarmmon.alertmanager.notify.LogEntry;
import org.swarmmon.alertmanager.notify.NotificationLog;

/**
 * Kafka intake (off unless alertmanager.kafka.enabled): consumes the collector's alert topic (API v2
 * postable alerts as JSON, keyed by the alert's fingerprint) in a consumer group, so replicas split
 * the partitions; shares the notification log through a compacted topic every replica reads from
 * the start, so one that takes over a partition knows what was already sent. A bad record is
 * logged with its topic, partition and offset and skipped. {@code
 * alertmanager_kafka_alert_records_total{result="accepted"|"invalid"}} counts the records taken.
 */
@Configuration
@ConditionalOnProperty(name = "alertmanager.kafka.enabled", havingValue = "true")
public class KafkaIntake {

  private static final Logger LOG = LoggerFactory.getLogger(KafkaIntake.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  @Bean
  NewTopic alertsTopic(@Value("${alertmanager.kafka.alerts-topic}") String topic,
      @Value("${alertmanager.kafka.partitions:4}") int partitions) {
    return TopicBuilder.name(topic).partitions(partitions).build();
  }

  @Bean
  NewTopic nflogTopic(@Value("${alertmanager.kafka.nflog-topic}") String topic) {
    return TopicBuilder.name(topic).partitions(1).compact().build();
  }

  @Bean(initMethod = "start", destroyMethod = "stop")
  ConcurrentMessageListenerContainer<String, byte[]> alertsContainer(KafkaProperties kafka, ApiV2 api,
      AlertManager am, @Value("${alertmanager.kafka.alerts-topic}") String topic,
      @Value("${alertmanager.kafka.group-id}") String groupId) {
    Counter records = Counter.builder().name("alertmanager_kafka_alert_records_total")
        .help("Alert records consumed from the Kafka topic, by whether they were accepted.")
        .labelNames("result").register(am.registry());
    records.initLabelValues("accepted");
    records.initLabelValues("invalid");
    Map<String, Object> props = kafka.buildConsumerProperties(null);
    props.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    DefaultKafkaConsumerFactory<String, byte[]> factory =
        new DefaultKafkaConsumerFactory<>(props, new StringDeserializer(), new ByteArrayDeserializer());
    ContainerProperties cp = new ContainerProperties(topic);
    cp.setMessageListener((MessageListener<String, byte[]>) record ->
        records.labelValues(intake(api, record) ? "accepted" : "invalid").inc());
    ConcurrentMessageListenerContainer<String, byte[]> container = new ConcurrentMessageListenerContainer<>(factory, cp);
    container.setCommonErrorHandler(new CommonLoggingErrorHandler());
    container.setAutoStartup(false);
    return container;
  }

  /** Posts the record's alerts as the API would; false (and a log line naming the record) if refused. */
  static boolean intake(ApiV2 api, ConsumerRecord<String, byte[]> record) {
    try {
      JsonNode node = JSON.readTree(record.value());
      if (node != null && node.isObject()) {
        node = JSON.createArrayNode().add(node);
      }
      ApiResponse r = api.postAlerts(node);
      if (r.status() != 200) {
        LOG.warn("dead alert record topic={} partition={} offset={}: {}", record.topic(), record.partition(),
            record.offset(), r.body());
        return false;
      }
      return true;
    } catch (Exception e) {
      LOG.warn("dead alert record topic={} partition={} offset={}: {}", record.topic(), record.partition(),
          record.offset(), e.toString());
      return false;
    }
  }

  @Bean(destroyMethod = "destroy")
  DefaultKafkaProducerFactory<String, byte[]> nflogProducerFactory(KafkaProperties kafka) {
    return new DefaultKafkaProducerFactory<>(kafka.buildProducerProperties(null), new StringSerializer(),
        new ByteArraySerializer());
  }

  @Bean
  KafkaTemplate<String, byte[]> nflogPublisher(DefaultKafkaProducerFactory<String, byte[]> factory, AlertManager am,
      @Value("${alertmanager.kafka.nflog-topic}") String topic) {
    KafkaTemplate<String, byte[]> template = new KafkaTemplate<>(factory);
    am.notificationLog().onLog(entry -> {
      try {
        // waits for the broker, so a replica taking over finds the entry; bounded by delivery.timeout.ms
        template.send(topic, entry.key(), NotificationLog.encode(entry)).get();
      } catch (Exception e) {
        LOG.warn("could not share notification log entry for {}: {}", entry.groupKey(), e.toString());
      }
    });
    return template;
  }

  @Bean(initMethod = "start", destroyMethod = "stop")
  ConcurrentMessageListenerContainer<String, byte[]> nflogContainer(KafkaProperties kafka, AlertManager am,
      @Value("${alertmanager.kafka.nflog-topic}") String topic) {
    Map<String, Object> props = kafka.buildConsumerProperties(null);
    // a group of its own: every replica reads the whole log from the beginning
    props.put(ConsumerConfig.GROUP_ID_CONFIG, "alert-manager-nflog-" + UUID.randomUUID());
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    DefaultKafkaConsumerFactory<String, byte[]> factory =
        new DefaultKafkaConsumerFactory<>(props, new StringDeserializer(), new ByteArrayDeserializer());
    ContainerProperties cp = new ContainerProperties(topic);
    cp.setMessageListener((MessageListener<String, byte[]>) record -> {
      try {
        LogEntry entry = NotificationLog.decode(record.value());
        am.notificationLog().merge(entry);
      } catch (Exception e) {
        LOG.warn("dead notification log record topic={} partition={} offset={}: {}", record.topic(),
            record.partition(), record.offset(), e.toString());
      }
    });
    ConcurrentMessageListenerContainer<String, byte[]> container = new ConcurrentMessageListenerContainer<>(factory, cp);
    container.setCommonErrorHandler(new CommonLoggingErrorHandler());
    container.setAutoStartup(false);
    return container;
  }
}
