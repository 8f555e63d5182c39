package io.switchboard.sla.config;

import io.switchboard.aggregate.AggregateRuntime;
import io.switchboard.aggregate.AggregateRuntimeHealth;
import io.switchboard.aggregate.KafkaClients;
import io.switchboard.aggregate.KafkaServiceConfiguration;
import io.switchboard.aggregate.ServiceProperties;
import io.switchboard.events.command.CommandReply;
import io.switchboard.events.serde.MessageCodec;
import io.switchboard.events.sla.SlaClock;
import io.switchboard.events.task.Priority;
import io.switchboard.sla.clock.SlaAggregate;
import io.switchboard.sla.clock.SlaClocks;
import io.switchboard.sla.clock.SlaPolicy;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

/** Wires sla-monitor-service: SLA clocks kept in Kafka, one per task, with their timers. */
@Configuration(proxyBeanMethods = false)
@Import(KafkaServiceConfiguration.class)
@EnableConfigurationProperties(SlaProperties.class)
public class SlaConfiguration {

    @Bean
    SlaClocks slaClocks(SlaProperties sla) {
        Map<Priority, Duration> budgets = new EnumMap<>(Priority.class);
        sla.budgets().forEach((priority, budget) -> budgets.put(Priority.valueOf(priority), budget));
        return new SlaClocks(new SlaPolicy(budgets, sla.warnAt(), sla.countFrom() == SlaProperties.CountFrom.ASSIGNMENT,
                sla.lateAfter(), sla.raisePriority()));
    }

    @Bean
    AggregateRuntime<SlaClock, Object, CommandReply> slaRuntime(KafkaClients clients, SlaClocks clocks,
                                                                 MessageCodec codec, Clock clock,
                                                                 ServiceProperties properties, SlaProperties sla) {
        return new AggregateRuntime<>(clients, new SlaAggregate(clocks), codec, clock,
                properties.runtimeSettings(sla.check()));
    }

    @Bean
    AggregateRuntimeHealth slaRuntimeHealthIndicator(AggregateRuntime<SlaClock, Object, CommandReply> slaRuntime) {
        return new AggregateRuntimeHealth(slaRuntime);
    }
}
