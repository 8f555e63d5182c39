package io.switchboard.task.api;

import io.switchboard.aggregate.AggregateRuntime;
import io.switchboard.aggregate.KafkaClients;
import io.switchboard.aggregate.ServiceProperties;
import io.switchboard.events.command.CommandResult;
import io.switchboard.events.command.TaskCommand;
import io.switchboard.events.task.TaskState;
import io.switchboard.web.ConsistentReads;
import io.switchboard.web.WebSupportConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

import java.time.Clock;

@Configuration(proxyBeanMethods = false)
@Import(WebSupportConfiguration.class)
class ApiConfiguration {

    @Bean
    TaskReads taskReads(AggregateRuntime<TaskState, TaskCommand, CommandResult> taskRuntime,
                        ServiceProperties properties) {
        return new TaskReads(taskRuntime.store(), new ConsistentReads(taskRuntime.barrier(),
                properties.readYourWrites(), properties.readTimeout(), properties.readStaleAfter()));
    }

    @Bean
    TaskWrites taskWrites(AggregateRuntime<TaskState, TaskCommand, CommandResult> taskRuntime, KafkaClients clients,
                          Clock clock) {
        return new TaskWrites(taskRuntime.sender(), clients.instanceId(), clock);
    }
}
