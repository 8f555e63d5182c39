package io.switchboard.testing.kafka;

import java.util.Map;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * Points a Spring test context at the shared broker:
 * {@code @ContextConfiguration(initializers = KafkaBrokerInitializer.class)} on a {@code @SpringBootTest}.
 * The property source goes first, so it beats application.yml; an alternative is
 * {@code @DynamicPropertySource static void kafka(DynamicPropertyRegistry r) { KafkaTestBroker.register(r); }}.
 */
public class KafkaBrokerInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("kafkaTestBroker",
                Map.of(KafkaTestBroker.SPRING_BOOTSTRAP_SERVERS, KafkaTestBroker.bootstrapServers())));
    }
}
