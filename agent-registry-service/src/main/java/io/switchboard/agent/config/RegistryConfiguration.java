package io.switchboard.agent.config;

import io.switchboard.agent.holdings.TaskHoldingsAggregate;
import io.switchboard.agent.a2a.AgentCards;
import io.switchboard.agent.registry.AgentLifecycle;
import io.switchboard.agent.registry.AgentRegistryAggregate;
import io.switchboard.agent.registry.RegistryDefaults;
import io.switchboard.aggregate.AggregateRuntime;
import io.switchboard.aggregate.AggregateRuntimeHealth;
import io.switchboard.aggregate.KafkaClients;
import io.switchboard.aggregate.KafkaServiceConfiguration;
import io.switchboard.aggregate.ServiceProperties;
import io.switchboard.events.agent.AgentCommand;
import io.switchboard.events.agent.AgentCommandResult;
import io.switchboard.events.agent.AgentState;
import io.switchboard.events.agent.TaskHolding;
import io.switchboard.events.command.CommandReply;
import io.switchboard.events.serde.MessageCodec;
import io.switchboard.events.task.TaskEvent;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

import java.time.Clock;
import java.time.Duration;

/**
 * Wires agent-registry-service: two aggregates kept in Kafka, the agents (written through the REST API, the task
 * holdings and heartbeat expiry) and the task holdings (which turn task events into agent commands).
 */
@Configuration(proxyBeanMethods = false)
@Import(KafkaServiceConfiguration.class)
@EnableConfigurationProperties(RegistryProperties.class)
public class RegistryConfiguration {

    @Bean
    AgentLifecycle agentLifecycle(RegistryProperties agents) {
        return new AgentLifecycle(new RegistryDefaults(agents.defaultHeartbeatInterval(), agents.missedHeartbeats(),
                agents.defaultReliability(), agents.reliabilityWeight(), agents.defaultMaxConcurrentTasks()));
    }

    @Bean
    AggregateRuntime<AgentState, AgentCommand, AgentCommandResult> agentRuntime(
            KafkaClients clients, AgentLifecycle lifecycle, MessageCodec codec, Clock clock,
            ServiceProperties properties, RegistryProperties agents) {
        return new AggregateRuntime<>(clients, new AgentRegistryAggregate(lifecycle), codec, clock,
                properties.runtimeSettings(agents.expiryCheck()));
    }

    /** Its own consumer group and transactional id: it reads task topics, not agent commands. */
    @Bean
    AggregateRuntime<TaskHolding, TaskEvent, CommandReply> holdingsRuntime(
            KafkaClients clients, MessageCodec codec, Clock clock, ServiceProperties properties) {
        return new AggregateRuntime<>(clients.forPart("holdings"), new TaskHoldingsAggregate(), codec, clock,
                properties.runtimeSettings(Duration.ZERO));
    }

    @Bean
    AgentCards agentCards(RegistryProperties agents) {
        return new AgentCards(agents.a2aCardTimeout());
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
