package io.switchboard.task.config;

import io.switchboard.events.TopicProvisioner;
import io.switchboard.events.Topics;
import io.switchboard.events.serde.MessageCodec;
import io.switchboard.events.task.RetryPolicy;
import io.switchboard.task.kafka.CommandProcessor;
import io.switchboard.task.kafka.CommandResultListener;
import io.switchboard.task.kafka.CommandSender;
import io.switchboard.task.kafka.KafkaClients;
import io.switchboard.task.kafka.KafkaWorkers;
import io.switchboard.task.kafka.KafkaWorkersHealth;
import io.switchboard.task.kafka.PendingCommands;
import io.switchboard.task.kafka.ReadBarrier;
import io.switchboard.task.kafka.TaskStateReader;
import io.switchboard.task.lifecycle.TaskDefaults;
import io.switchboard.task.lifecycle.TaskLifecycle;
import io.switchboard.task.store.TaskStore;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaAdmin;
import tools.jackson.databind.json.JsonMapper;

import java.time.Clock;
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
        return new KafkaClients(bootstrapServers, instanceId, topics, properties.tasks().transactionTimeout());
    }

    @Bean
    TaskStore taskStore() {
        return new TaskStore();
    }

    @Bean
    TaskLifecycle taskLifecycle(SwitchboardProperties properties) {
        SwitchboardProperties.Tasks tasks = properties.tasks();
        return new TaskLifecycle(new TaskDefaults(tasks.defaultPriority(),
                new RetryPolicy(tasks.defaultMaxAttempts(), tasks.defaultRetryBackoff()), tasks.historyLimit()));
    }

    @Bean(destroyMethod = "close")
    Admin taskServiceAdmin(KafkaClients clients) {
        return clients.admin();
    }

    @Bean
    ReadBarrier readBarrier(Admin taskServiceAdmin, TaskStore store, KafkaClients clients) {
        return new ReadBarrier(taskServiceAdmin, store, clients);
    }

    @Bean
    PendingCommands pendingCommands() {
        return new PendingCommands();
    }

    @Bean(destroyMethod = "close")
    CommandSender commandSender(KafkaClients clients, PendingCommands pending, MessageCodec codec,
                                SwitchboardProperties properties, Clock clock) {
        return new CommandSender(clients, pending, codec, properties.tasks().commandTimeout(), clock);
    }

    @Bean
    KafkaWorkersHealth kafkaWorkersHealthIndicator(KafkaWorkers workers) {
        return new KafkaWorkersHealth(workers);
    }

    @Bean
    KafkaWorkers kafkaWorkers(KafkaClients clients, TaskStore store, TaskLifecycle lifecycle, MessageCodec codec,
                              ReadBarrier barrier, PendingCommands pending, Clock clock,
                              SwitchboardProperties properties) {
        return new KafkaWorkers(
                new TaskStateReader(clients, store, codec),
                new CommandResultListener(clients, pending, codec),
                new CommandProcessor(clients, store, lifecycle, codec, barrier, clock,
                        properties.tasks().readTimeout()),
                barrier, properties.tasks().readTimeout().multipliedBy(6));
    }
}
