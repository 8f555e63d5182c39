package io.switchboard.agent.support;

import io.switchboard.agent.AgentRegistryApplication;
import io.switchboard.task.TaskServiceApplication;
import io.switchboard.testing.http.Api;
import io.switchboard.testing.kafka.KafkaTestBroker;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/** Whole services started in this JVM on the shared test broker, each on a free port. */
public final class Services {

    private Services() {
    }

    /** A running service: its HTTP API, and close() to stop it. */
    public record Running(ConfigurableApplicationContext context) implements AutoCloseable {
        public Api api() {
            return new Api(((WebServerApplicationContext) context).getWebServer().getPort());
        }

        @Override
        public void close() {
            context.close();
        }
    }

    /** The agent registry, on {@code clock} when given (a test clock makes heartbeat expiry instant). */
    public static Running registry(String topicPrefix, String instanceId, Clock clock, String... extraArgs) {
        SpringApplicationBuilder application = AgentRegistryApplication.application();
        if (clock != null) {
            application.initializers(context -> context.getBeanFactory().registerSingleton("clock", clock));
        }
        return new Running(application.run(args(topicPrefix, instanceId, extraArgs)));
    }

    /** The real task-service, which the registry hands tasks back to. */
    public static Running taskService(String topicPrefix, String instanceId) {
        return new Running(TaskServiceApplication.application().run(args(topicPrefix, instanceId)));
    }

    private static String[] args(String topicPrefix, String instanceId, String... extraArgs) {
        List<String> args = new ArrayList<>(List.of("--server.port=0",
                "--spring.kafka.bootstrap-servers=" + KafkaTestBroker.bootstrapServers(),
                "--switchboard.topic-prefix=" + topicPrefix,
                "--switchboard.instance-id=" + instanceId));
        args.addAll(List.of(extraArgs));
        return args.toArray(String[]::new);
    }
}
