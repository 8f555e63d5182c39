package io.switchboard.assignment.support;

import io.switchboard.agent.AgentRegistryApplication;
import io.switchboard.assignment.AssignmentApplication;
import io.switchboard.task.TaskServiceApplication;
import io.switchboard.testing.http.Api;
import io.switchboard.testing.kafka.KafkaTestBroker;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/** task-service, the agent registry and assignment-service in this JVM, on the shared test broker. */
public final class Stack implements AutoCloseable {

    private final List<ConfigurableApplicationContext> contexts = new ArrayList<>();
    private final String prefix;

    public Stack(String prefix) {
        this.prefix = prefix;
    }

    public Api tasks() {
        return api(0);
    }

    public Api agents() {
        return api(1);
    }

    public Api assignment() {
        return api(2);
    }

    /** Starts the three services, all on {@code clock} when given; the decider with {@code assignmentArgs}. */
    public Stack start(Clock clock, String... assignmentArgs) {
        contexts.add(on(clock, TaskServiceApplication.application()).run(args("tasks")));
        contexts.add(on(clock, AgentRegistryApplication.application()).run(args("agents")));
        contexts.add(on(clock, AssignmentApplication.application()).run(args("assignment", assignmentArgs)));
        return this;
    }

    private static SpringApplicationBuilder on(Clock clock, SpringApplicationBuilder application) {
        if (clock != null) {
            application.initializers(context -> context.getBeanFactory().registerSingleton("clock", clock));
        }
        return application;
    }

    private String[] args(String instance, String... extra) {
        List<String> args = new ArrayList<>(List.of("--server.port=0",
                "--spring.kafka.bootstrap-servers=" + KafkaTestBroker.bootstrapServers(),
                "--switchboard.topic-prefix=" + prefix,
                "--switchboard.instance-id=" + prefix + instance));
        args.addAll(List.of(extra));
        return args.toArray(String[]::new);
    }

    private Api api(int index) {
        return new Api(((WebServerApplicationContext) contexts.get(index)).getWebServer().getPort());
    }

    @Override
    public void close() {
        for (int i = contexts.size() - 1; i >= 0; i--) {
            contexts.get(i).close();
        }
    }
}
