package io.switchboard.agent;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** agent-registry-service: the only writer of agents and of the public {@code agent.*} topics. */
@SpringBootApplication
public class AgentRegistryApplication {

    public static void main(String[] args) {
        SpringApplication.run(AgentRegistryApplication.class, args);
    }
}
