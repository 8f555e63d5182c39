package io.switchboard.task.config;

import io.switchboard.aggregate.AggregateRuntime;
import io.switchboard.aggregate.AggregateRuntimeHealth;
import io.switchboard.aggregate.KafkaClients;
import io.switchboard.events.TopicProvisioner;
import io.switchboard.events.Topics;
import io.switchboard.events.command.CommandResult;
import io.switchboard.events.command.TaskCommand;
import io.switchboard.events.serde.MessageCodec;
import io.switchboard.events.task.RetryPolicy;
import io.switchboard.events.task.TaskState;
import io.switchboard.task.lifecycle.TaskAggregate;
import io.switchboard.task.lifecycle.TaskDefaults;
import io.switchboard.task.lifecycle.TaskLifecycle;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaAdmin;
import tools.jackson.databind.json.JsonMapper;

import java.time.Clock;
import java.time.Duration;
import java.util.UUID;

/** Wires task-service: the Kafka clients and workers, the store and the state machine. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SwitchboardProperties.class)
public class TaskServiceConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    /** The REST API writes JSON exactly as the events do (ISO-8601 times and durations). */
    @Bean
    JsonMapper jsonMapper() {
        return MessageCodec.jsonMapper();
    }

    @Bean
    Topics topics(SwitchboardProperties properties) {
        return new Topics(properties.topicPrefix());
    }

    /** Creates the topics when they are missing (the run command and deploy create them too). */
    @Bean
    KafkaAdmin.NewTopics switchboardTopics(Topics topics, SwitchboardProperties properties) {
        return new KafkaAdmin.NewTopics(TopicProvisioner.topics(topics, properties.partitions(),
                properties.replication()).toArray(NewTopic[]::new));
    }

    @Bean
    MessageCodec messageCodec() {
        return new MessageCodec("/switchboard/task-service");
    }

    @Bean
    KafkaClients kafkaClients(@Value("${spring.kafka.bootstrap-servers}") String bootstrapServers,
                              SwitchboardProperties properties, Topics topics) {
        String instanceId = properties.instanceId() == null || properties.instanceId().isBlank()
                ? UUID.randomUUID().toString() : properties.instanceId();
        return new KafkaClients(bootstrapServers, "task-service", instanceId, topics,
                properties.tasks().transactionTimeout());
    }

    @Bean
    TaskLifecycle taskLifecycle(SwitchboardProperties properties) {
        SwitchboardProperties.Tasks tasks = properties.tasks();
        return new TaskLifecycle(new TaskDefaults(tasks.defaultPriority(),
                new RetryPolicy(tasks.defaultMaxAttempts(), tasks.defaultRetryBackoff()), tasks.historyLimit()));
    }

    /** Tasks kept in Kafka: the store every read uses, the sender every write uses, and the Kafka loops. */
    @Bean
    AggregateRuntime<TaskState, TaskCommand, CommandResult> taskRuntime(KafkaClients clients, TaskLifecycle lifecycle,
                                                                        MessageCodec codec, Clock clock,
                                                                        SwitchboardProperties properties) {
        SwitchboardProperties.Tasks tasks = properties.tasks();
        return new AggregateRuntime<>(clients, new TaskAggregate(lifecycle), codec, clock,
                new AggregateRuntime.Settings(tasks.commandTimeout(), tasks.readTimeout(), Duration.ZERO));
    }

    @Bean
    AggregateRuntimeHealth kafkaWorkersHealthIndicator(AggregateRuntime<?, ?, ?> taskRuntime) {
        return new AggregateRuntimeHealth(taskRuntime);
    }
}
