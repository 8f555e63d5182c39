package io.switchboard.testing.kafka;

import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.utility.DockerImageName;

/** One Kafka container for the whole JVM (Testcontainers' Ryuk also removes it if the JVM dies). */
final class ContainerBroker {

    /** GraalVM build of Apache Kafka: starts in about a second, same wire protocol and configs. */
    static final String DEFAULT_IMAGE = "apache/kafka-native:4.1.1";

    private ContainerBroker() {
    }

    static KafkaTestBroker.Broker start(String image) {
        // asCompatibleSubstituteFor lets a mirrored / custom image name through KafkaContainer's check.
        KafkaContainer kafka = new KafkaContainer(DockerImageName.parse(image).asCompatibleSubstituteFor("apache/kafka"))
                // KafkaContainer already sets internal topics to replication 1 (so transactions work)
                // and group.initial.rebalance.delay.ms=0; match the embedded broker's partition count.
                .withEnv("KAFKA_NUM_PARTITIONS", String.valueOf(EmbeddedBroker.DEFAULT_PARTITIONS))
                .withEnv("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "true");
        // The image maps KAFKA_FOO_BAR to foo.bar.
        EmbeddedBroker.FAILOVER.forEach((name, value) ->
                kafka.withEnv("KAFKA_" + name.toUpperCase(java.util.Locale.ROOT).replace('.', '_'), value));
        kafka.start();
        Runtime.getRuntime().addShutdownHook(new Thread(kafka::stop, "kafka-test-container-shutdown"));
        return new KafkaTestBroker.Broker("testcontainers", kafka.getBootstrapServers());
    }
}
