package io.switchboard.aggregate;

import io.switchboard.events.TopicProvisioner;
import io.switchboard.events.Topics;
import io.switchboard.events.serde.MessageCodec;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaAdmin;
import tools.jackson.databind.json.JsonMapper;

import java.time.Clock;

/**
 * What every service that keeps aggregates in Kafka wires the same way: the clock, topic names (and the topics
 * themselves when missing), the serde, and the Kafka clients named after {@code spring.application.name}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ServiceProperties.class)
public class KafkaServiceConfiguration {

    /** The system clock, unless a test supplies its own. */
    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    /** The REST API writes JSON exactly as the events do (ISO-8601 times and durations). */
    @Bean
    JsonMapper jsonMapper() {
        return MessageCodec.jsonMapper();
    }

    @Bean
    Topics topics(ServiceProperties properties) {
        return new Topics(properties.topicPrefix());
    }

    /** Creates the topics when they are missing (the run command and deploy create them too). */
    @Bean
    KafkaAdmin.NewTopics switchboardTopics(Topics topics, ServiceProperties properties) {
        return new KafkaAdmin.NewTopics(TopicProvisioner.topics(topics, properties.partitions(),
                properties.replication()).toArray(NewTopic[]::new));
    }

    @Bean
    MessageCodec messageCodec(@Value("${spring.application.name}") String service) {
        return new MessageCodec("/switchboard/" + service);
    }

    @Bean
    KafkaClients kafkaClients(@Value("${spring.kafka.bootstrap-servers}") String bootstrapServers,
                              @Value("${spring.application.name}") String service, ServiceProperties properties,
                              Topics topics) {
        return new KafkaClients(bootstrapServers, service, properties.instanceId(), topics,
                properties.transactionTimeout(), properties.groupSettings()).withCompression(properties.compression());
    }
}
