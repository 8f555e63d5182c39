package io.switchboard.gateway.audit;

import io.switchboard.aggregate.BackgroundLoop;
import io.switchboard.aggregate.KafkaClients;
import io.switchboard.events.MessageType;
import io.switchboard.events.audit.AuditEntry;
import io.switchboard.events.serde.MessageCodec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListSet;

/**
 * The audit log: entries go to the {@code audit.log} topic (idempotent, acks=all), and every gateway instance reads
 * the topic back, the newest {@code keep} entries of each partition from its start, so {@code GET /api/audit} shows
 * what every instance recorded and survives restarts. Kafka holds the whole log for as long as the topic's retention.
 * <p>
 * {@link #write} completes only once Kafka has acknowledged the entry, so a write is answered only after its entry is
 * durable. The log knows whether its last write went through ({@link #writable}): after a failure the gateway refuses
 * writes before they reach a service, and the first entry that goes through again (the refusals' own entries are
 * still tried) opens it again.
 */
public final class AuditLog implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(AuditLog.class);
    private static final Comparator<AuditEntry> NEWEST_FIRST = Comparator.comparing(AuditEntry::timestamp)
            .thenComparing(AuditEntry::id).reversed();

    private final KafkaClients clients;
    private final MessageCodec codec;
    private final String topic;
    private final int keep;
    private final Duration writeTimeout;
    private final ConcurrentSkipListSet<AuditEntry> newest = new ConcurrentSkipListSet<>(NEWEST_FIRST);
    private int held;
    private volatile KafkaProducer<String, byte[]> producer;
    private volatile KafkaConsumer<String, byte[]> consumer;
    private volatile boolean running;
    private volatile boolean lastWriteFailed;
    private BackgroundLoop reader;

    /** @param writeTimeout how long an entry may wait for Kafka's acknowledgement before it counts as failed */
    public AuditLog(KafkaClients clients, MessageCodec codec, int keep, Duration writeTimeout) {
        this.clients = clients;
        this.codec = codec;
        this.topic = clients.topics().of(MessageType.AUDIT_ENTRY);
        this.keep = keep;
        this.writeTimeout = writeTimeout;
    }

    /** Whether a write may go ahead: the log runs and its last entry was acknowledged. */
    public boolean writable() {
        return running && !lastWriteFailed;
    }

    /**
     * Sends an entry; completes when Kafka has acknowledged it, or fails with {@link AuditUnavailableException}
     * (the entry is then in the gateway's log, at error level). The send runs off the caller's thread: it can wait
     * for Kafka's metadata while the broker is away.
     */
    public Mono<Void> write(AuditEntry entry) {
        return Mono.<Void>create(sink -> {
            KafkaProducer<String, byte[]> producer = this.producer;
            if (producer == null || !running) {
                sink.error(new AuditUnavailableException("the audit log is not running"));
                return;
            }
            ProducerRecord<String, byte[]> out = new ProducerRecord<>(topic, entry.principal(), codec.encode(entry));
            codec.writeHeaders(out.headers(), entry, entry.timestamp());
            producer.send(out, (metadata, error) -> {
                if (error == null) {
                    sink.success();
                } else {
                    sink.error(new AuditUnavailableException(error.toString()));
                }
            });
        }).subscribeOn(Schedulers.boundedElastic())
                .timeout(writeTimeout, Mono.error(() -> new AuditUnavailableException("Kafka did not acknowledge "
                        + "the entry within " + writeTimeout)))
                .doOnSuccess(done -> lastWriteFailed = false)
                .doOnError(error -> {
                    lastWriteFailed = true;
                    log.error("audit entry not written to Kafka ({}): {}", error.getMessage(), entry);
                });
    }

    /** The newest entries, newest first. */
    public List<AuditEntry> newest(int limit) {
        return newest.stream().limit(limit).toList();
    }

    @Override
    public void start() {
        producer = clients.commandProducer();
        consumer = clients.committedReader("audit");
        List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                .map(PartitionInfo::partition).map(p -> new TopicPartition(topic, p)).toList();
        consumer.assign(partitions);
        Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
        Map<TopicPartition, Long> begins = consumer.beginningOffsets(partitions);
        partitions.forEach(p -> consumer.seek(p, Math.max(begins.get(p), ends.get(p) - keep)));
        running = true;
        reader = new BackgroundLoop("audit-log-reader", this::read, consumer::wakeup);
        reader.start();
    }

    private void read() {
        try {
            while (running) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    add(record);
                }
            }
        } catch (WakeupException e) {
            // stopping
        } finally {
            consumer.close();
        }
    }

    private void add(ConsumerRecord<String, byte[]> record) {
        try {
            // Only this reader thread adds and trims, so a count of its own stands in for the set's size(), which
            // walks all of it.
            if (newest.add(codec.decode(MessageType.AUDIT_ENTRY, record.value())) && ++held > keep) {
                newest.pollLast();
                held--;
            }
        } catch (RuntimeException e) {
            log.warn("unreadable audit record at {}-{}@{}: {}", record.topic(), record.partition(), record.offset(),
                    e.getMessage());
        }
    }

    @Override
    public void stop() {
        running = false;
        if (reader != null) {
            reader.stop();
        }
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Before the web server starts and after it has drained: no request is answered without its audit. */
    @Override
    public int getPhase() {
        return 0;
    }
}
