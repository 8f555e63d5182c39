package io.switchboard.task.config;

import io.switchboard.aggregate.AggregateRuntime;
import io.switchboard.aggregate.AggregateRuntimeHealth;
import io.switchboard.aggregate.KafkaClients;
import io.switchboard.aggregate.KafkaServiceConfiguration;
import io.switchboard.aggregate.ServiceProperties;
import io.switchboard.events.command.CommandResult;
import io.switchboard.events.command.TaskCommand;
import io.switchboard.events.serde.MessageCodec;
import io.switchboard.events.task.RetryPolicy;
import io.switchboard.events.task.TaskState;
import io.switchboard.task.lifecycle.TaskAggregate;
import io.switchboard.task.lifecycle.TaskDefaults;
import io.switchboard.task.lifecycle.TaskLifecycle;
import io.switchboard.task.lifecycle.TaskRetention;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

import java.time.Clock;
import java.time.Duration;

/** Wires task-service: tasks kept in Kafka, decided by the state machine. */
@Configuration(proxyBeanMethods = false)
@Import(KafkaServiceConfiguration.class)
@EnableConfigurationProperties(TaskProperties.class)
public class TaskServiceConfiguration {

    @Bean
    TaskLifecycle taskLifecycle(TaskProperties tasks) {
        return new TaskLifecycle(new TaskDefaults(tasks.defaultPriority(),
                new RetryPolicy(tasks.defaultMaxAttempts(), tasks.defaultRetryBackoff()), tasks.historyLimit(),
                new TaskRetention(tasks.retention())));
    }

    /** Tasks kept in Kafka: the store every read uses, the sender every write uses, and the Kafka loops. */
    @Bean
    AggregateRuntime<TaskState, TaskCommand, CommandResult> taskRuntime(KafkaClients clients, TaskLifecycle lifecycle,
                                                                        MessageCodec codec, Clock clock,
                                                                        ServiceProperties properties,
                                                                        TaskProperties tasks) {
        // The timers that archive finished tasks are looked at every retention-check; none when kept forever.
        Duration tick = lifecycle.retention().keepsForever() ? Duration.ZERO : tasks.retentionCheck();
        return new AggregateRuntime<>(clients, new TaskAggregate(lifecycle), codec, clock,
                properties.runtimeSettings(tick));
    }

    @Bean
    AggregateRuntimeHealth taskRuntimeHealthIndicator(AggregateRuntime<?, ?, ?> taskRuntime) {
        return new AggregateRuntimeHealth(taskRuntime);
    }
}
