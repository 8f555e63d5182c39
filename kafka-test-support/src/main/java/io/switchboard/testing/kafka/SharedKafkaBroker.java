package io.switchboard.testing.kafka;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * JUnit extension that makes sure the JVM's shared broker ({@link KafkaTestBroker}) is running before
 * a test class starts. Nothing is stopped after the class: the broker lives until the JVM exits.
 */
public class SharedKafkaBroker implements BeforeAllCallback {

    @Override
    public void beforeAll(ExtensionContext context) {
        KafkaTestBroker.bootstrapServers();
    }
}
