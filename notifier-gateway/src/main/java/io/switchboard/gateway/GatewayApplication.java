package io.switchboard.gateway;

import io.switchboard.aggregate.KafkaServiceConfiguration;
import io.switchboard.web.RequestIdFilter;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.client.ReactorResourceFactory;
import org.springframework.boot.builder.SpringApplicationBuilder;

/** notifier-gateway: one port for the whole REST API, routed to the services that own each part. */
@SpringBootApplication
@Import({KafkaServiceConfiguration.class, RequestIdFilter.class})
public class GatewayApplication {

    /**
     * Netty event loops of this application only: with Reactor's global ones, stopping one application in a JVM
     * (a gateway restarted by a test) would stop every other's.
     */
    @Bean
    ReactorResourceFactory reactorResourceFactory() {
        ReactorResourceFactory factory = new ReactorResourceFactory();
        factory.setUseGlobalResources(false);
        return factory;
    }

    public static void main(String[] args) {
        application().run(args);
    }

    /** The application, reading {@code notifier-gateway.yml} (see the task-service application for why). */
    public static SpringApplicationBuilder application() {
        return new SpringApplicationBuilder(GatewayApplication.class)
                .properties("spring.config.name=notifier-gateway");
    }
}
