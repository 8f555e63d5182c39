package io.switchboard.testing.kafka;

import java.util.HashMap;
import java.util.Map;

import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/** The in-JVM fallback: a single combined broker+controller KRaft node from spring-kafka-test. */
final class EmbeddedBroker {

    /** Partitions of auto-created topics (and of topics created without a count). */
    static final int DEFAULT_PARTITIONS = 6;

    /**
     * What the services' failover needs of a broker, as on the local broker (./switchboard) and in Strimzi's Kafka
     * resource: consumer-protocol groups (KIP-848) may have a 2 s session timeout and a 500 ms heartbeat (the
     * broker's defaults, 45 s and 5 s, are also its minimums), classic groups a session timeout from 1 s (6 s by
     * default), and a transaction left open by a crashed producer that nobody fences is aborted within a second of
     * its timeout (checked every 10 s by default).
     */
    static final Map<String, String> FAILOVER = Map.of(
            "group.consumer.min.session.timeout.ms", "1000",
            "group.consumer.session.timeout.ms", "2000",
            "group.consumer.min.heartbeat.interval.ms", "250",
            "group.consumer.heartbeat.interval.ms", "500",
            "group.min.session.timeout.ms", "1000",
            "transaction.abort.timed.out.transaction.cleanup.interval.ms", "1000");

    private EmbeddedBroker() {
    }

    static KafkaTestBroker.Broker start() {
        EmbeddedKafkaKraftBroker kafka = new EmbeddedKafkaKraftBroker(1, DEFAULT_PARTITIONS);
        Map<String, String> properties = new HashMap<>(Map.of(
                // Kafka's defaults (replication 3, min ISR 2) cannot be met by one broker: the
                // __transaction_state topic would never be created and initTransactions() would
                // time out. spring-kafka only lowers the offsets topic's factor, so do both here.
                "offsets.topic.replication.factor", "1",
                "transaction.state.log.replication.factor", "1",
                "transaction.state.log.min.isr", "1",
                "share.coordinator.state.topic.replication.factor", "1",
                "share.coordinator.state.topic.min.isr", "1",
                // 50 partitions each by default: creating them on the first group join / first
                // transaction costs seconds. One is plenty for a test broker (Testcontainers does the same).
                "offsets.topic.num.partitions", "1",
                "transaction.state.log.num.partitions", "1",
                "group.initial.rebalance.delay.ms", "0",
                "auto.create.topics.enable", "true"));
        properties.putAll(FAILOVER);
        kafka.brokerProperties(properties);
        // spring-kafka always writes the address to a system property, spring.kafka.bootstrap-servers
        // by default. That would make Spring tests pass on this path only; point it at a name nobody
        // reads, so register / KafkaBrokerInitializer are needed, and work, for every kind of broker.
        kafka.brokerListProperty("switchboard.test.kafka.embedded-bootstrap-servers");
        kafka.afterPropertiesSet(); // formats the log dirs (in java.io.tmpdir), starts, waits until ready
        Runtime.getRuntime().addShutdownHook(new Thread(kafka::destroy, "kafka-test-broker-shutdown"));
        // KafkaClusterTestKit binds a real, random port on localhost: reachable by child processes.
        return new KafkaTestBroker.Broker("embedded", kafka.getBrokersAsString());
    }
}
