package io.switchboard.agent;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;

/** agent-registry-service: the only writer of agents and of the public {@code agent.*} topics. */
@SpringBootApplication
public class AgentRegistryApplication {

    public static void main(String[] args) {
        application().run(args);
    }

    /** The application, reading {@code agent-registry-service.yml} (see the task-service application for why). */
    public static SpringApplicationBuilder application() {
        return new SpringApplicationBuilder(AgentRegistryApplication.class)
                .properties("spring.config.name=agent-registry-service");
    }
}
