package io.switchboard.testing.kafka;

import java.util.Locale;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * One real Kafka broker per test JVM, shared by every test class that asks for it.
 *
 * <p>Resolved once, on first use, in this order:
 * <ol>
 *   <li>{@code KAFKA_BOOTSTRAP_SERVERS} (env) set and non-blank: use that broker as is ({@code external});</li>
 *   <li>a Docker engine answers: one Testcontainers {@code apache/kafka-native} container ({@code testcontainers});</li>
 *   <li>otherwise an in-JVM KRaft broker from spring-kafka-test ({@code embedded}).</li>
 * </ol>
 * {@code -Dswitchboard.test.broker=} or env {@code SWITCHBOARD_TEST_BROKER=} with
 * {@code embedded}, {@code testcontainers} or {@code external} forces one path ({@code auto}, the default,
 * walks the order above). The Testcontainers image can be changed with {@code -Dswitchboard.test.kafka-image=}
 * or env {@code SWITCHBOARD_TEST_KAFKA_IMAGE}.
 *
 * <p>Whatever the kind, the broker auto-creates topics, supports transactions (internal topics have
 * replication factor 1) and listens on a real TCP port, so child processes can reach it too.
 * It is stopped by a JVM shutdown hook (an external broker is left alone).
 */
public final class KafkaTestBroker {

    /** Env var naming an already running broker. */
    public static final String BOOTSTRAP_SERVERS_ENV = "KAFKA_BOOTSTRAP_SERVERS";
    /** System property (or, upper-cased with underscores, env var) that forces a kind. */
    public static final String MODE_PROPERTY = "switchboard.test.broker";
    /** The Spring Boot property the helpers set. */
    public static final String SPRING_BOOTSTRAP_SERVERS = "spring.kafka.bootstrap-servers";

    private static final Object LOCK = new Object();
    private static volatile Broker broker;
    private static RuntimeException failure;

    private KafkaTestBroker() {
    }

    /** The broker's {@code host:port} list, starting the broker on first call. Thread-safe. */
    public static String bootstrapServers() {
        return broker().bootstrapServers();
    }

    /** Which broker is in use: {@code external}, {@code testcontainers} or {@code embedded}. */
    public static String kind() {
        return broker().kind();
    }

    /** For a {@code @DynamicPropertySource} method: sets {@code spring.kafka.bootstrap-servers}. */
    public static void register(DynamicPropertyRegistry registry) {
        registry.add(SPRING_BOOTSTRAP_SERVERS, KafkaTestBroker::bootstrapServers);
    }

    private static Broker broker() {
        Broker current = broker;
        if (current != null) {
            return current;
        }
        synchronized (LOCK) {
            if (broker == null) {
                // A failed start is remembered: retrying it in every test class would only
                // multiply the time wasted and bury the first, most useful, stack trace.
                if (failure != null) {
                    throw failure;
                }
                try {
                    broker = start();
                }
                catch (RuntimeException ex) {
                    failure = new IllegalStateException("Could not start a Kafka broker for tests", ex);
                    throw failure;
                }
            }
            return broker;
        }
    }

    private static Broker start() {
        long t0 = System.nanoTime();
        String mode = setting(MODE_PROPERTY, "auto").toLowerCase(Locale.ROOT);
        String external = System.getenv(BOOTSTRAP_SERVERS_ENV);
        boolean hasExternal = external != null && !external.isBlank();

        Broker started = switch (mode) {
            case "external" -> {
                if (!hasExternal) {
                    throw new IllegalStateException(MODE_PROPERTY + "=external but " + BOOTSTRAP_SERVERS_ENV + " is not set");
                }
                yield new Broker("external", external.trim());
            }
            case "testcontainers" -> ContainerBroker.start(image());
            case "embedded" -> EmbeddedBroker.start();
            case "auto" -> {
                if (hasExternal) {
                    yield new Broker("external", external.trim());
                }
                // DockerProbe keeps Testcontainers classes unloaded when there is clearly no engine.
                yield DockerProbe.dockerAvailable() ? ContainerBroker.start(image()) : EmbeddedBroker.start();
            }
            default -> throw new IllegalStateException("Unknown " + MODE_PROPERTY + "=" + mode
                    + " (expected auto, external, testcontainers or embedded)");
        };
        System.out.printf("[kafka-test-support] %s Kafka broker at %s (ready in %d ms)%n",
                started.kind(), started.bootstrapServers(), (System.nanoTime() - t0) / 1_000_000);
        return started;
    }

    private static String image() {
        return setting("switchboard.test.kafka-image", ContainerBroker.DEFAULT_IMAGE);
    }

    /** A system property, else the env var of the same name upper-cased with '.' and '-' as '_'. */
    static String setting(String property, String defaultValue) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            value = System.getenv(property.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_'));
        }
        return value == null || value.isBlank() ? defaultValue : value.trim();
    }

    record Broker(String kind, String bootstrapServers) {
    }
}
