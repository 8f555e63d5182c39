package io.switchboard.aggregate;

import io.switchboard.events.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.GroupProtocol;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.RangeAssignor;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The Kafka clients of a service and their settings in one place. Values travel as bytes: the service
 * decodes them itself so that one unreadable record can be sent to the dead-letter topic instead of stopping
 * the consumer.
 */
public final class KafkaClients {

    /**
     * Producers compress their batches: the JSON of states and events shrinks about 4.5 times (22.6 KB to 5.1 KB per
     * task in the lifecycle benchmark), so the broker's disks and network carry that much less, at no CPU cost
     * measurable there (docs/benchmarks.md).
     */
    public static final String DEFAULT_COMPRESSION = "lz4";

    /** Prefix of the metadata of every offset a command consumer commits: it names the instance that committed. */
    static final String COMMITTER = "instance=";

    private final String bootstrapServers;
    private final String service;
    private final String instanceId;
    private final Topics topics;
    private final Duration transactionTimeout;
    private final GroupSettings group;
    private final String compression;
    /** {@link #group} within the broker's bounds, once asked (see {@link GroupLimits}). */
    private volatile GroupSettings fitted;

    public KafkaClients(String bootstrapServers, String service, String instanceId, Topics topics,
                        Duration transactionTimeout) {
        this(bootstrapServers, service, instanceId, topics, transactionTimeout, GroupSettings.DEFAULT);
    }

    public KafkaClients(String bootstrapServers, String service, String instanceId, Topics topics,
                        Duration transactionTimeout, GroupSettings group) {
        this(bootstrapServers, service, instanceId, topics, transactionTimeout, group, DEFAULT_COMPRESSION);
    }

    private KafkaClients(String bootstrapServers, String service, String instanceId, Topics topics,
                         Duration transactionTimeout, GroupSettings group, String compression) {
        this.compression = compression;
        this.bootstrapServers = bootstrapServers;
        this.service = service;
        this.instanceId = instanceId;
        this.topics = topics;
        this.transactionTimeout = transactionTimeout;
        this.group = group;
    }

    /**
     * The same clients with their producers compressing batches by {@code compression} (a Kafka
     * {@code compression.type}: none, gzip, snappy, lz4, zstd).
     */
    public KafkaClients withCompression(String compression) {
        return new KafkaClients(bootstrapServers, service, instanceId, topics, transactionTimeout, group, compression);
    }

    public Topics topics() {
        return topics;
    }

    /** The same cluster and instance, for a second aggregate of the service (its own group and transactional id). */
    public KafkaClients forPart(String part) {
        return new KafkaClients(bootstrapServers, service + "-" + part, instanceId, topics, transactionTimeout, group,
                compression);
    }

    public String service() {
        return service;
    }

    public String instanceId() {
        return instanceId;
    }

    /** The consumer group of the command consumers, with any deployment prefix. */
    public String groupId() {
        return topics.name(service);
    }

    /** This instance's transactional id. */
    public String transactionalId() {
        return transactionalIdOf(instanceId);
    }

    String transactionalIdOf(String instance) {
        return topics.name(service + "-" + instance);
    }

    /** The client id of an instance's command consumer. */
    String commandClientIdOf(String instance) {
        return topics.name(service + "-commands-" + instance);
    }

    /** The group settings asked for (see {@link #effectiveGroupSettings()} for those in use). */
    public GroupSettings groupSettings() {
        return group;
    }

    /**
     * The group settings in use: those configured, within the broker's bounds. Asked of the broker once, when the
     * first command consumer is made (which, for the consumer protocol, also sets the group's session timeout), and
     * again for the next one while the broker could not be asked.
     */
    public GroupSettings effectiveGroupSettings() {
        GroupSettings known = fitted;
        if (known != null) {
            return known;
        }
        synchronized (this) {
            if (fitted == null) {
                try (Admin admin = admin()) {
                    fitted = GroupLimits.apply(admin, groupId(), group);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return fitted == null ? group : fitted; // not known yet: asked again with the next consumer
        }
    }

    /** The offset to commit for {@code next}, with metadata naming this instance (a later owner reads it). */
    public OffsetAndMetadata offset(long next) {
        return new OffsetAndMetadata(next, COMMITTER + instanceId);
    }

    /** The instance named by an offset's metadata, or null when the commit does not say (an older one, say). */
    static String committer(OffsetAndMetadata offset) {
        if (offset == null || offset.metadata() == null || !offset.metadata().startsWith(COMMITTER)) {
            return null;
        }
        String instance = offset.metadata().substring(COMMITTER.length());
        return instance.isEmpty() ? null : instance;
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

    /**
     * A member of the group that shares the command topics' partitions among the service's instances. The partitions
     * are assigned range-wise, so partition n of every subscribed topic has one owner: an aggregate read from two
     * topics (the registry's task holdings) has one owner. Set here so a broker or client default cannot change it.
     */
    public KafkaConsumer<String, byte[]> commandConsumer() {
        return new KafkaConsumer<>(commandConsumerConfig(effectiveGroupSettings()), new StringDeserializer(),
                new ByteArrayDeserializer());
    }

    Map<String, Object> commandConsumerConfig(GroupSettings settings) {
        Map<String, Object> config = common();
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, commandClientIdOf(instanceId));
        config.put(ConsumerConfig.GROUP_ID_CONFIG, groupId());
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 500);
        config.put(ConsumerConfig.GROUP_PROTOCOL_CONFIG, settings.protocol().name().toLowerCase(Locale.ROOT));
        if (settings.protocol() == GroupProtocol.CONSUMER) {
            // The broker's range assignor: co-partitioned, and sticky. The session timeout and heartbeat interval are
            // the group's (GroupLimits set them): this protocol refuses them in the client's configuration.
            config.put(ConsumerConfig.GROUP_REMOTE_ASSIGNOR_CONFIG, "range");
        } else {
            // A crashed owner's partitions move to another instance after this long without its heartbeats.
            config.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, (int) settings.sessionTimeout().toMillis());
            config.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, (int) settings.heartbeatInterval().toMillis());
            config.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, RangeAssignor.class.getName());
        }
        if (settings.staticMembership()) {
            config.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, instanceId);
        }
        return config;
    }

    /**
     * Closes a command consumer. {@code leave}: for good (the instance stops), so the group gives its partitions to
     * the others at once, static member or not; otherwise a static member keeps them for the session timeout, in
     * which its next consumer (a restart after an error) takes them back without moving any other partition.
     */
    public static void close(KafkaConsumer<?, ?> consumer, boolean leave) {
        consumer.close(CloseOptions.groupMembershipOperation(leave ? CloseOptions.GroupMembershipOperation.LEAVE_GROUP
                : CloseOptions.GroupMembershipOperation.DEFAULT));
    }

    /**
     * The transactional producer that writes a command's state, events and result atomically. Its id is this
     * instance's, so a restarted instance fences its previous life at once (its first {@code initTransactions} aborts
     * what the previous life left open); the consumer group generation sent with the offsets fences a stale owner
     * of a partition, and a new owner fences a crashed one ({@link PreviousOwners}).
     */
    /** The first retry of a transactional request refused while the previous transaction ends (see below). */
    static final int TRANSACTION_RETRY_BACKOFF_MS = 5;

    public KafkaProducer<String, byte[]> transactionalProducer() {
        Map<String, Object> config = common();
        config.put(ProducerConfig.CLIENT_ID_CONFIG, topics.name(service + "-tx-" + instanceId));
        config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId());
        config.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, (int) transactionTimeout.toMillis());
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.LINGER_MS_CONFIG, 1);
        // A transaction begun right after the previous one committed finds its coordinator still writing that one's
        // markers and is told CONCURRENT_TRANSACTIONS; the client then waits retry.backoff.ms before it asks again.
        // Kafka's 100 ms default made that wait most of a round's time here; it still backs off exponentially (to
        // retry.backoff.max.ms) while a broker is really away.
        config.put(ProducerConfig.RETRY_BACKOFF_MS_CONFIG, TRANSACTION_RETRY_BACKOFF_MS);
        config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, compression);
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
        config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, compression);
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
