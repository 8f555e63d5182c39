package io.switchboard.aggregate;

import io.switchboard.events.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.RangeAssignor;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * The Kafka clients of a service and their settings in one place. Values travel as bytes: the service
 * decodes them itself so that one unreadable record can be sent to the dead-letter topic instead of stopping
 * the consumer.
 */
public final class KafkaClients {

    /** Kafka's default is 45 s; a failover that long would stall every write of a crashed instance's partitions. */
    static final Duration SESSION_TIMEOUT = Duration.ofSeconds(10);

    private final String bootstrapServers;
    private final String service;
    private final String instanceId;
    private final Topics topics;
    private final Duration transactionTimeout;

    public KafkaClients(String bootstrapServers, String service, String instanceId, Topics topics,
                        Duration transactionTimeout) {
        this.bootstrapServers = bootstrapServers;
        this.service = service;
        this.instanceId = instanceId;
        this.topics = topics;
        this.transactionTimeout = transactionTimeout;
    }

    public Topics topics() {
        return topics;
    }

    /** The same cluster and instance, for a second aggregate of the service (its own group and transactional id). */
    public KafkaClients forPart(String part) {
        return new KafkaClients(bootstrapServers, service + "-" + part, instanceId, topics, transactionTimeout);
    }

    public String service() {
        return service;
    }

    public String instanceId() {
        return instanceId;
    }

    /** Reads only committed records: what a reader sees has been acknowledged to whoever wrote it. */
    public KafkaConsumer<String, byte[]> committedReader(String purpose) {
        Map<String, Object> config = common();
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, topics.name(service + "-" + purpose + "-" + instanceId));
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        return new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
    }

    /** A member of the group that shares the command topic's partitions among the service's instances. */
    public KafkaConsumer<String, byte[]> commandConsumer() {
        Map<String, Object> config = common();
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, topics.name(service + "-commands-" + instanceId));
        config.put(ConsumerConfig.GROUP_ID_CONFIG, topics.name(service));
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 500);
        // A crashed owner's partitions move to another instance after this long without its heartbeats.
        config.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, (int) SESSION_TIMEOUT.toMillis());
        config.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, (int) SESSION_TIMEOUT.toMillis() / 3);
        // Range keeps partition n of every subscribed topic on one member: an aggregate read from two topics (the
        // registry's task holdings) has one owner. Set here so a broker or client default cannot change it.
        config.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, RangeAssignor.class.getName());
        return new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
    }

    /**
     * The transactional producer that writes a command's state, events and result atomically. Its id is this
     * instance's, so a restarted instance fences its previous life; the consumer group generation sent with the
     * offsets fences a stale owner of a partition.
     */
    public KafkaProducer<String, byte[]> transactionalProducer() {
        Map<String, Object> config = common();
        config.put(ProducerConfig.CLIENT_ID_CONFIG, topics.name(service + "-tx-" + instanceId));
        config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, topics.name(service + "-" + instanceId));
        config.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, (int) transactionTimeout.toMillis());
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.LINGER_MS_CONFIG, 1);
        return new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
    }

    /** Sends commands: idempotent and acks=all, so a command the broker accepted is not lost or doubled. */
    public KafkaProducer<String, byte[]> commandProducer() {
        Map<String, Object> config = common();
        config.put(ProducerConfig.CLIENT_ID_CONFIG, topics.name(service + "-api-" + instanceId));
        // A send runs on a web request's thread: fail it fast (503) rather than block it while Kafka is away.
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000);
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.LINGER_MS_CONFIG, 1);
        return new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
    }

    public Admin admin() {
        Map<String, Object> config = common();
        config.put(AdminClientConfig.CLIENT_ID_CONFIG, topics.name(service + "-admin-" + instanceId));
        return Admin.create(config);
    }

    private Map<String, Object> common() {
        Map<String, Object> config = new HashMap<>();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        return config;
    }
}
