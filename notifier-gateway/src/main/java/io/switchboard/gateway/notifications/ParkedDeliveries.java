package io.switchboard.gateway.notifications;

import io.switchboard.aggregate.KafkaClients;
import io.switchboard.events.MessageType;
import io.switchboard.events.notification.ParkedDelivery;
import io.switchboard.events.serde.MessageCodec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The deliveries given up after their retries, read from {@code notification.parked} when asked: they are few (a
 * receiver down for the whole retry window), so the topic is read through per request rather than kept in memory.
 */
public final class ParkedDeliveries {

    private static final Duration READ_FOR = Duration.ofSeconds(10);

    private final KafkaClients clients;
    private final MessageCodec codec;

    public ParkedDeliveries(KafkaClients clients, MessageCodec codec) {
        this.clients = clients;
        this.codec = codec;
    }

    /** Those of {@code subscriptionId} (all when null), newest first, at most {@code limit}. */
    public List<ParkedDelivery> list(String subscriptionId, int limit) {
        String topic = clients.topics().of(MessageType.PARKED_DELIVERY);
        List<ParkedDelivery> parked = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> reader = clients.committedReader("parked")) {
            List<TopicPartition> partitions = reader.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            reader.assign(partitions);
            reader.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = reader.endOffsets(partitions);
            long deadline = System.nanoTime() + READ_FOR.toNanos();
            while (partitions.stream().anyMatch(p -> reader.position(p) < ends.get(p))
                    && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record : reader.poll(Duration.ofMillis(200))) {
                    if (subscriptionId == null || subscriptionId.equals(record.key())) {
                        try {
                            parked.add(codec.decode(MessageType.PARKED_DELIVERY, record.value()));
                        } catch (RuntimeException e) {
                            // not one of ours: nothing to show or replay
                        }
                    }
                }
            }
        }
        return parked.stream().sorted(Comparator.comparing(ParkedDelivery::parkedAt).reversed()).limit(limit)
                .toList();
    }

    /** The latest parking of {@code deliveryId}, if it was parked. */
    public Optional<ParkedDelivery> find(String subscriptionId, String deliveryId) {
        return list(subscriptionId, Integer.MAX_VALUE).stream().filter(p -> p.deliveryId().equals(deliveryId))
                .findFirst();
    }
}
