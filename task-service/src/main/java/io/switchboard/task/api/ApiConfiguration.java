package io.switchboard.task.api;

import io.switchboard.task.config.SwitchboardProperties;
import io.switchboard.task.kafka.CommandSender;
import io.switchboard.task.kafka.KafkaClients;
import io.switchboard.task.kafka.ReadBarrier;
import io.switchboard.task.store.TaskStore;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;

@Configuration(proxyBeanMethods = false)
class ApiConfiguration {

    @Bean
    TaskReads taskReads(TaskStore store, ReadBarrier barrier, SwitchboardProperties properties) {
        return new TaskReads(store, barrier, properties.tasks().readYourWrites(), properties.tasks().readTimeout());
    }

    @Bean
    TaskWrites taskWrites(CommandSender sender, KafkaClients clients, Clock clock) {
        return new TaskWrites(sender, clients.instanceId(), clock);
    }
}
