package io.switchboard.gateway;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;

/** notifier-gateway: one port for the whole REST API, routed to the services that own each part. */
@SpringBootApplication
public class GatewayApplication {

    public static void main(String[] args) {
        application().run(args);
    }

    /** The application, reading {@code notifier-gateway.yml} (see the task-service application for why). */
    public static SpringApplicationBuilder application() {
        return new SpringApplicationBuilder(GatewayApplication.class)
                .properties("spring.config.name=notifier-gateway");
    }
}
