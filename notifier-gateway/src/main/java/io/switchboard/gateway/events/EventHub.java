package io.switchboard.gateway.events;

import io.switchboard.events.MessageType;
import io.switchboard.events.Topics;
import io.switchboard.events.serde.MessageCodec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The public topics (the seed's events) read once per gateway instance, committed records only, from their end,
 * and handed to every connected client. One consumer, however many clients: a client is a subscriber of a
 * multicast that never waits for the slowest one (each client has its own bounded buffer, see {@link LiveEvents}).
 */
public final class EventHub implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(EventHub.class);

    private final String bootstrapServers;
    private final Topics topics;
    private final MessageCodec codec = new MessageCodec("/switchboard/notifier-gateway");
    private final Sinks.Many<Frame> sink = Sinks.many().multicast().directBestEffort();
    private volatile KafkaConsumer<String, byte[]> consumer;
    private volatile boolean running;
    private Thread thread;

    public EventHub(String bootstrapServers, Topics topics) {
        this.bootstrapServers = bootstrapServers;
        this.topics = topics;
    }

    public Flux<Frame> frames() {
        return sink.asFlux();
    }

    /** The public event types, whose topics the hub follows. */
    static List<MessageType> publicTypes() {
        return Arrays.stream(MessageType.values()).filter(type -> type.eventName().isPresent()).toList();
    }

    @Override
    public void start() {
        running = true;
        thread = new Thread(this::follow, "live-events");
        thread.setDaemon(true);
        thread.start();
    }

    private void follow() {
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.CLIENT_ID_CONFIG, "notifier-gateway-" + UUID.randomUUID(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        try (KafkaConsumer<String, byte[]> reader = new KafkaConsumer<>(config, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            consumer = reader;
            List<TopicPartition> partitions = new ArrayList<>();
            for (MessageType type : publicTypes()) {
                String topic = topics.of(type);
                reader.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
            }
            reader.assign(partitions);
            reader.seekToEnd(partitions);
            partitions.forEach(reader::position);
            while (running) {
                for (ConsumerRecord<String, byte[]> record : reader.poll(Duration.ofMillis(100))) {
                    publish(record);
                }
            }
        } catch (WakeupException e) {
            if (running) {
                log.error("Live events stopped", e);
            }
        } catch (RuntimeException e) {
            log.error("Live events stopped", e);
        }
    }

    private void publish(ConsumerRecord<String, byte[]> record) {
        try {
            Object event = codec.decode(record.headers(), record.value());
            String name = MessageType.of(event).eventName().orElseThrow();
            sink.tryEmitNext(new Frame(name, event, Instant.ofEpochMilli(record.timestamp()),
                    record.topic() + ":" + record.partition() + ":" + record.offset()));
        } catch (RuntimeException e) {
            log.warn("Skipping unreadable event at {}-{}@{}: {}", record.topic(), record.partition(), record.offset(),
                    e.getMessage());
        }
    }

    /** Whether the reader runs; false stops this instance being ready. */
    public boolean healthy() {
        return !running || (thread != null && thread.isAlive());
    }

    @Override
    public void stop() {
        running = false;
        KafkaConsumer<String, byte[]> reader = consumer;
        if (reader != null) {
            reader.wakeup();
        }
        sink.tryEmitComplete();
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
