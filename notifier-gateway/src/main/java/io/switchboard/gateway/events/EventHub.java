package io.switchboard.gateway.events;

import io.switchboard.events.MessageType;
import io.switchboard.events.Topics;
import io.switchboard.events.serde.CloudEventHeaders;
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
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

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
    private final Sinks.Empty<Void> stopping = Sinks.empty();
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

    /**
     * Completes when the hub stops, which it does before the web server drains its requests: every live stream ends
     * then, so a stopping gateway closes its clients' connections (they reconnect to another instance, or to this one
     * restarted) instead of waiting out the shutdown timeout for connections that never end by themselves.
     */
    public Mono<Void> stopping() {
        return stopping.asMono();
    }

    /**
     * The events after {@code lastEventId} (an id this gateway gave out), read back from Kafka, then the live ones:
     * live events are taken from the moment of the call and held while the replay runs, then passed on from where the
     * replay ended, so none falls between. The replay starts on every partition at the time of the last event seen
     * (after it, on its own partition): events of other partitions at that very millisecond may come twice, so
     * clients drop ids they have. An id that cannot be read replays nothing.
     */
    public Flux<Frame> framesAfter(String lastEventId) {
        EventId last = EventId.parse(lastEventId);
        if (last == null) {
            return frames();
        }
        return Flux.defer(() -> {
            Sinks.Many<Frame> held = Sinks.many().unicast().onBackpressureBuffer();
            Disposable live = sink.asFlux().subscribe(held::tryEmitNext);
            Map<TopicPartition, Long> ends = new ConcurrentHashMap<>();
            Flux<Frame> replay = Flux.<Frame>create(emitter -> {
                replay(last, ends, emitter::next);
                emitter.complete();
            }).subscribeOn(Schedulers.boundedElastic());
            return replay.concatWith(held.asFlux().filter(frame -> after(frame, ends)))
                    .doFinally(signal -> live.dispose());
        });
    }

    private void replay(EventId last, Map<TopicPartition, Long> ends, Consumer<Frame> emit) {
        try (KafkaConsumer<String, byte[]> reader = new KafkaConsumer<>(consumerConfig(), new StringDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = publicPartitions(reader);
            reader.assign(partitions);
            ends.putAll(reader.endOffsets(partitions));
            TopicPartition own = new TopicPartition(last.topic(), last.partition());
            reader.seek(own, last.offset());
            long since = timeOf(reader, own);
            Map<TopicPartition, Long> at = new HashMap<>();
            partitions.forEach(partition -> at.put(partition, since));
            reader.offsetsForTimes(at).forEach((partition, found) -> reader.seek(partition,
                    found == null ? ends.get(partition) : found.offset()));
            if (partitions.contains(own)) {
                reader.seek(own, last.offset() + 1);
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (partitions.stream().anyMatch(p -> reader.position(p) < ends.get(p)) && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record : reader.poll(Duration.ofMillis(200))) {
                    if (record.offset() < ends.get(new TopicPartition(record.topic(), record.partition()))) {
                        Frame frame = frame(record);
                        if (frame != null) {
                            emit.accept(frame);
                        }
                    }
                }
            }
        }
    }

    /** The time of the record at the reader's position on {@code partition}; now when there is none. */
    private static long timeOf(KafkaConsumer<String, byte[]> reader, TopicPartition partition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (System.nanoTime() < deadline) {
            for (ConsumerRecord<String, byte[]> record : reader.poll(Duration.ofMillis(200))) {
                if (record.topic().equals(partition.topic()) && record.partition() == partition.partition()) {
                    return record.timestamp();
                }
            }
        }
        return System.currentTimeMillis();
    }

    private static boolean after(Frame frame, Map<TopicPartition, Long> ends) {
        EventId id = EventId.parse(frame.id());
        Long end = id == null ? null : ends.get(new TopicPartition(id.topic(), id.partition()));
        return end == null || id.offset() >= end;
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
        try (KafkaConsumer<String, byte[]> reader = new KafkaConsumer<>(consumerConfig(), new StringDeserializer(),
                new ByteArrayDeserializer())) {
            consumer = reader;
            List<TopicPartition> partitions = publicPartitions(reader);
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
        Frame frame = frame(record);
        if (frame != null) {
            sink.tryEmitNext(frame);
        }
    }

    /**
     * The frame of a record, its payload decoded only when a client needs it; null (and a warning) for a record of no
     * known public type. A payload that cannot be decoded is logged when first read and never sent.
     */
    private Frame frame(ConsumerRecord<String, byte[]> record) {
        String ceType = MessageCodec.header(record.headers(), CloudEventHeaders.TYPE);
        String name = ceType == null ? null : MessageType.ofCeType(ceType).flatMap(MessageType::eventName).orElse(null);
        if (name == null) {
            log.warn("Skipping event of unknown type '{}' at {}-{}@{}", ceType, record.topic(), record.partition(),
                    record.offset());
            return null;
        }
        MessageType type = MessageType.ofCeType(ceType).orElseThrow();
        byte[] value = record.value();
        return Frame.lazy(name, () -> {
            try {
                return codec.decode(type, value);
            } catch (RuntimeException e) {
                log.warn("Skipping unreadable event at {}-{}@{}: {}", record.topic(), record.partition(),
                        record.offset(), e.getMessage());
                throw e;
            }
        }, Instant.ofEpochMilli(record.timestamp()), new EventId(record.topic(), record.partition(), record.offset())
                .toString());
    }

    private Map<String, Object> consumerConfig() {
        return Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.CLIENT_ID_CONFIG, "notifier-gateway-" + UUID.randomUUID(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    }

    private List<TopicPartition> publicPartitions(KafkaConsumer<String, byte[]> reader) {
        List<TopicPartition> partitions = new ArrayList<>();
        for (MessageType type : publicTypes()) {
            String topic = topics.of(type);
            reader.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
        }
        return partitions;
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
        stopping.tryEmitEmpty();
        sink.tryEmitComplete();
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
