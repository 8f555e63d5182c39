package io.switchboard.agent.config;

import io.switchboard.agent.holdings.TaskHoldingsAggregate;
import io.switchboard.agent.registry.AgentLifecycle;
import io.switchboard.agent.registry.AgentRegistryAggregate;
import io.switchboard.agent.registry.RegistryDefaults;
import io.switchboard.aggregate.AggregateRuntime;
import io.switchboard.aggregate.AggregateRuntimeHealth;
import io.switchboard.aggregate.KafkaClients;
import io.switchboard.events.TopicProvisioner;
import io.switchboard.events.Topics;
import io.switchboard.events.agent.AgentCommand;
import io.switchboard.events.agent.AgentCommandResult;
import io.switchboard.events.agent.AgentState;
import io.switchboard.events.agent.TaskHolding;
import io.switchboard.events.command.CommandReply;
import io.switchboard.events.serde.MessageCodec;
import io.switchboard.events.task.TaskEvent;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaAdmin;
import tools.jackson.databind.json.JsonMapper;

import java.time.Clock;
import java.time.Duration;
import java.util.UUID;

/**
 * Wires agent-registry-service: two aggregates kept in Kafka, the agents (written through the REST API, the task
 * holdings and heartbeat expiry) and the task holdings (which turn task events into agent commands).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RegistryProperties.class)
public class RegistryConfiguration {

    static final String SERVICE = "agent-registry";

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
    Topics topics(RegistryProperties properties) {
        return new Topics(properties.topicPrefix());
    }

    /** Creates the topics when they are missing (the run command and deploy create them too). */
    @Bean
    KafkaAdmin.NewTopics switchboardTopics(Topics topics, RegistryProperties properties) {
        return new KafkaAdmin.NewTopics(TopicProvisioner.topics(topics, properties.partitions(),
                properties.replication()).toArray(NewTopic[]::new));
    }

    @Bean
    MessageCodec messageCodec() {
        return new MessageCodec("/switchboard/agent-registry-service");
    }

    @Bean
    KafkaClients kafkaClients(@Value("${spring.kafka.bootstrap-servers}") String bootstrapServers,
                              RegistryProperties properties, Topics topics) {
        String instanceId = properties.instanceId() == null || properties.instanceId().isBlank()
                ? UUID.randomUUID().toString() : properties.instanceId();
        return new KafkaClients(bootstrapServers, SERVICE, instanceId, topics,
                properties.agents().transactionTimeout());
    }

    @Bean
    AgentLifecycle agentLifecycle(RegistryProperties properties) {
        RegistryProperties.Agents agents = properties.agents();
        return new AgentLifecycle(new RegistryDefaults(agents.defaultHeartbeatInterval(), agents.missedHeartbeats(),
                agents.defaultReliability(), agents.reliabilityWeight(), agents.defaultMaxConcurrentTasks()));
    }

    @Bean
    AggregateRuntime<AgentState, AgentCommand, AgentCommandResult> agentRuntime(
            KafkaClients clients, AgentLifecycle lifecycle, MessageCodec codec, Clock clock,
            RegistryProperties properties) {
        RegistryProperties.Agents agents = properties.agents();
        return new AggregateRuntime<>(clients, new AgentRegistryAggregate(lifecycle), codec, clock,
                new AggregateRuntime.Settings(agents.commandTimeout(), agents.readTimeout(), agents.expiryCheck()));
    }

    /** Its own consumer group and transactional id: it reads task topics, not agent commands. */
    @Bean
    AggregateRuntime<TaskHolding, TaskEvent, CommandReply> holdingsRuntime(
            KafkaClients clients, MessageCodec codec, Clock clock, RegistryProperties properties,
            @Value("${spring.kafka.bootstrap-servers}") String bootstrapServers, Topics topics) {
        RegistryProperties.Agents agents = properties.agents();
        KafkaClients holdingClients = new KafkaClients(bootstrapServers, SERVICE + "-holdings", clients.instanceId(),
                topics, agents.transactionTimeout());
        return new AggregateRuntime<>(holdingClients, new TaskHoldingsAggregate(), codec, clock,
                new AggregateRuntime.Settings(agents.commandTimeout(), agents.readTimeout(), Duration.ZERO));
    }

    @Bean
    AggregateRuntimeHealth agentRuntimeHealthIndicator(
            AggregateRuntime<AgentState, AgentCommand, AgentCommandResult> agentRuntime) {
        return new AggregateRuntimeHealth(agentRuntime);
    }

    @Bean
    AggregateRuntimeHealth holdingsRuntimeHealthIndicator(
            AggregateRuntime<TaskHolding, TaskEvent, CommandReply> holdingsRuntime) {
        return new AggregateRuntimeHealth(holdingsRuntime);
    }
}
