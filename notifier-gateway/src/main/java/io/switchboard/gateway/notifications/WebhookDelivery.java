package io.switchboard.gateway.notifications;

import io.switchboard.aggregate.KafkaClients;
import io.switchboard.events.MessageType;
import io.switchboard.events.notification.ParkedDelivery;
import io.switchboard.events.notification.WebhookSubscription;
import io.switchboard.events.serde.CloudEventHeaders;
import io.switchboard.events.serde.MessageCodec;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.node.ObjectNode;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Delivers one subscription's events, in order, at least once: its own consumer group on the public topics, whose
 * committed offset moves past an event only once the receiver took it (2xx) or it was parked after
 * {@code retryFor} of retries. So a gateway killed with SIGKILL resumes where the subscription stood, and a receiver
 * that fails delays only its own subscription. Several gateway instances share the topics' partitions. Webhook and
 * Slack subscriptions get a request per event; email ones a message per batch of events (a digest).
 */
final class WebhookDelivery implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(WebhookDelivery.class);
    private static final Duration POLL = Duration.ofMillis(500);
    /** The most events one email carries; more make a next one. */
    private static final int MAX_DIGEST = 100;

    private final WebhookSubscription subscription;
    private final KafkaClients clients;
    private final List<String> topics;
    private final WebhookSender sender;
    private final EmailSender email;
    private final RecentDeliveries recent;
    private final Producer<String, byte[]> parkedProducer;
    private final MessageCodec codec;
    private final NotificationProperties settings;
    private final Clock clock;
    private volatile boolean running = true;
    private volatile KafkaConsumer<String, byte[]> consumer;

    WebhookDelivery(WebhookSubscription subscription, KafkaClients clients, List<String> topics, WebhookSender sender,
                    EmailSender email, RecentDeliveries recent,
                    Producer<String, byte[]> parkedProducer, MessageCodec codec, NotificationProperties settings,
                    Clock clock) {
        this.subscription = subscription;
        this.clients = clients.forPart("webhook-" + subscription.id());
        this.topics = topics;
        this.sender = sender;
        this.email = email;
        this.recent = recent;
        this.parkedProducer = parkedProducer;
        this.codec = codec;
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    public void run() {
        try (KafkaConsumer<String, byte[]> reader = clients.commandConsumer()) {
            consumer = reader;
            reader.subscribe(topics, new FromCreation(reader));
            boolean email = WebhookSubscription.EMAIL.equals(subscription.channel());
            while (running) {
                ConsumerRecords<String, byte[]> batch = reader.poll(POLL);
                if (!(email ? deliverDigest(reader, batch) : deliverEach(reader, batch))) {
                    rewind(reader); // lost a partition while retrying: its new owner delivers what is left
                }
            }
        } catch (WakeupException e) {
            if (running) {
                log.error("Webhook delivery of {} stopped", subscription.id(), e);
            }
        } catch (RuntimeException e) {
            log.error("Webhook delivery of {} stopped", subscription.id(), e);
        }
    }

    void stop() {
        running = false;
        KafkaConsumer<String, byte[]> reader = consumer;
        if (reader != null) {
            reader.wakeup(); // out of a poll, or of a retry's wait
        }
    }

    /** Back to the committed offsets of the partitions still owned, so nothing fetched is skipped. */
    private static void rewind(KafkaConsumer<String, byte[]> reader) {
        reader.committed(reader.assignment()).forEach((partition, offset) -> {
            if (offset != null) {
                reader.seek(partition, offset.offset());
            }
        });
    }

    /** An event the subscription wants. */
    private record Matched(ConsumerRecord<String, byte[]> record, String ceType, String eventName, Object event) {
        String source() {
            return record.topic() + ":" + record.partition() + ":" + record.offset();
        }

        TopicPartition partition() {
            return new TopicPartition(record.topic(), record.partition());
        }
    }

    /** The record as an event this subscription wants; null for any other (or one that cannot be read). */
    private Matched match(ConsumerRecord<String, byte[]> record) {
        String ceType = MessageCodec.header(record.headers(), CloudEventHeaders.TYPE);
        MessageType type = ceType == null ? null : MessageType.ofCeType(ceType).orElse(null);
        if (type == null || type.eventName().isEmpty()) {
            return null;
        }
        Object event;
        try {
            event = codec.decode(type, record.value());
        } catch (RuntimeException e) {
            log.warn("Not delivering unreadable event at {}-{}@{}: {}", record.topic(), record.partition(),
                    record.offset(), e.getMessage());
            return null;
        }
        String name = type.eventName().get();
        return EventMatcher.matches(subscription, name, event) ? new Matched(record, ceType, name, event) : null;
    }

    /** Webhook and Slack: one request per event, each committed once delivered; false when a partition was lost. */
    private boolean deliverEach(KafkaConsumer<String, byte[]> reader, ConsumerRecords<String, byte[]> batch) {
        for (ConsumerRecord<String, byte[]> record : batch) {
            if (!running) {
                return true;
            }
            Matched matched = match(record);
            if (matched != null && !deliver(matched)) {
                return false;
            }
            reader.commitSync(Map.of(new TopicPartition(record.topic(), record.partition()),
                    new OffsetAndMetadata(record.offset() + 1)));
        }
        return true;
    }

    private boolean deliver(Matched matched) {
        String id = subscription.id() + ":" + matched.source();
        String body = WebhookSubscription.SLACK.equals(subscription.channel())
                ? SlackMessage.of(EventSummary.of(matched.eventName(), matched.event(), clock.instant()),
                        settings.dashboardUrl())
                : cloudEvent(matched.record(), matched.ceType(), id);
        return send(id, matched.ceType(), matched.source(), body, matched.partition(),
                () -> sender.send(subscription, id, body));
    }

    /**
     * Email: the events of a batch, and those that come within {@code email-digest-window} after the first, in one
     * message (a digest when there are several), committed together once it is sent or parked.
     */
    private boolean deliverDigest(KafkaConsumer<String, byte[]> reader, ConsumerRecords<String, byte[]> batch) {
        Map<TopicPartition, OffsetAndMetadata> next = new HashMap<>();
        List<Matched> matched = new ArrayList<>();
        take(batch, matched, next);
        if (!matched.isEmpty()) {
            long end = System.nanoTime() + settings.emailDigestWindow().toNanos();
            while (running && matched.size() < MAX_DIGEST && System.nanoTime() < end) {
                take(reader.poll(Duration.ofMillis(Math.max(1, TimeUnit.NANOSECONDS.toMillis(end
                        - System.nanoTime())))), matched, next);
            }
            Matched first = matched.get(0);
            EmailMessage message = EmailMessage.of(matched.stream()
                            .map(m -> EventSummary.of(m.eventName(), m.event(), clock.instant())).toList(),
                    matched.stream().map(Matched::eventName).toList(), settings.dashboardUrl());
            String id = subscription.id() + ":" + first.source();
            if (!send(id, matched.size() == 1 ? first.ceType() : "digest", first.source(), message.text(),
                    first.partition(), () -> email.send(subscription.url(), message))) {
                return false;
            }
        }
        next.keySet().retainAll(reader.assignment());
        if (!next.isEmpty()) {
            reader.commitSync(next);
        }
        return true;
    }

    private void take(ConsumerRecords<String, byte[]> batch, List<Matched> matched,
                      Map<TopicPartition, OffsetAndMetadata> next) {
        for (ConsumerRecord<String, byte[]> record : batch) {
            Matched wanted = match(record);
            if (wanted != null) {
                matched.add(wanted);
            }
            next.put(new TopicPartition(record.topic(), record.partition()),
                    new OffsetAndMetadata(record.offset() + 1));
        }
    }

    /** The event as a CloudEvent in structured JSON mode, its attributes from the record's headers. */
    private String cloudEvent(ConsumerRecord<String, byte[]> record, String ceType, String id) {
        ObjectNode json = MessageCodec.jsonMapper().createObjectNode();
        json.put("specversion", "1.0");
        String ceId = MessageCodec.header(record.headers(), CloudEventHeaders.ID);
        json.put("id", ceId == null ? id : ceId);
        json.put("source", MessageCodec.header(record.headers(), CloudEventHeaders.SOURCE));
        json.put("type", ceType);
        json.put("time", MessageCodec.header(record.headers(), CloudEventHeaders.TIME));
        json.put("subject", record.key());
        json.put("datacontenttype", "application/json");
        json.set("data", MessageCodec.jsonMapper().readTree(record.value()));
        return MessageCodec.jsonMapper().writeValueAsString(json);
    }

    /**
     * Makes {@code attempt}s (each null when the receiver took it, else what went wrong) until one succeeds or
     * {@code retryFor} has passed, then parks it; false when the partition went to another member meanwhile.
     */
    private boolean send(String id, String ceType, String source, String body, TopicPartition partition,
                         Supplier<String> attempt) {
        Instant first = clock.instant();
        Duration wait = settings.firstRetry();
        int attempts = 0;
        String lastError;
        while (true) {
            attempts++;
            lastError = attempt.get();
            recent.record(subscription.id(), subscription.channel(), new RecentDeliveries.Attempt(id, ceType,
                    clock.instant(), attempts, lastError == null ? "delivered" : "failed", lastError));
            if (lastError == null) {
                return true;
            }
            Instant next = clock.instant().plus(wait);
            if (!running || next.isAfter(first.plus(settings.retryFor()))) {
                break;
            }
            log.debug("Webhook {} attempt {} failed ({}); next in {}", id, attempts, lastError, wait);
            if (!pauseFor(jittered(wait), partition)) {
                return false;
            }
            wait = min(wait.multipliedBy(2), settings.maxRetryInterval());
        }
        if (!running) {
            throw new WakeupException(); // not parked: delivered again from the committed offset
        }
        park(new ParkedDelivery(subscription.id(), id, ceType, source, attempts, lastError, first, clock.instant(),
                body));
        recent.record(subscription.id(), subscription.channel(), new RecentDeliveries.Attempt(id, ceType,
                clock.instant(), attempts, "parked", lastError));
        return true;
    }

    /**
     * Waits before the next attempt while still polling (paused), so the group keeps this member for however long
     * the retries take; false if the partition went to another member meanwhile.
     */
    private boolean pauseFor(Duration wait, TopicPartition partition) {
        KafkaConsumer<String, byte[]> reader = consumer;
        long end = System.nanoTime() + wait.toNanos();
        reader.pause(reader.assignment());
        try {
            while (running && System.nanoTime() < end) {
                long left = Math.max(1, TimeUnit.NANOSECONDS.toMillis(end - System.nanoTime()));
                reader.pause(reader.assignment()); // partitions newly assigned meanwhile too
                ConsumerRecords<String, byte[]> fetched = reader.poll(Duration.ofMillis(Math.min(POLL.toMillis(),
                        left)));
                for (TopicPartition got : fetched.partitions()) {
                    reader.seek(got, fetched.records(got).get(0).offset()); // read again once the wait is over
                }
                if (!reader.assignment().contains(partition)) {
                    return false;
                }
            }
        } finally {
            reader.resume(reader.assignment());
        }
        return true;
    }

    private void park(ParkedDelivery parked) {
        log.warn("Webhook delivery {} parked after {} attempts: {}", parked.deliveryId(), parked.attempts(),
                parked.lastError());
        ProducerRecord<String, byte[]> out = new ProducerRecord<>(clients.topics().of(MessageType.PARKED_DELIVERY),
                parked.subscriptionId(), codec.encode(parked));
        codec.writeHeaders(out.headers(), parked, clock.instant());
        try {
            parkedProducer.send(out).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            // Not committed past then: delivered (and retried) again by the next consumer of the subscription.
            throw new IllegalStateException("Could not park " + parked.deliveryId() + ": " + e.getMessage(), e);
        }
    }

    private static Duration jittered(Duration wait) {
        return Duration.ofMillis((long) (wait.toMillis() * ThreadLocalRandom.current().nextDouble(0.8, 1.2)));
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    /** A partition this subscription never committed on starts at the subscription's creation, not at the start. */
    private final class FromCreation implements ConsumerRebalanceListener {
        private final KafkaConsumer<String, byte[]> reader;

        FromCreation(KafkaConsumer<String, byte[]> reader) {
            this.reader = reader;
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            Map<TopicPartition, OffsetAndMetadata> committed = reader.committed(java.util.Set.copyOf(partitions));
            Map<TopicPartition, Long> fresh = new HashMap<>();
            for (TopicPartition partition : partitions) {
                if (committed.get(partition) == null) {
                    fresh.put(partition, subscription.createdAt().toEpochMilli());
                }
            }
            if (fresh.isEmpty()) {
                return;
            }
            // The ends first: an event written between the two lookups is then read, not skipped.
            Map<TopicPartition, Long> ends = reader.endOffsets(fresh.keySet());
            Map<TopicPartition, OffsetAndTimestamp> found = reader.offsetsForTimes(fresh);
            fresh.keySet().forEach(partition -> {
                OffsetAndTimestamp at = found.get(partition);
                reader.seek(partition, at == null ? ends.get(partition) : at.offset());
            });
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
        }
    }
}
