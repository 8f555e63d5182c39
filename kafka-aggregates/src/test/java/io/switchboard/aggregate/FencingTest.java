package io.switchboard.aggregate;

import io.switchboard.events.Topics;
import io.switchboard.testing.kafka.KafkaTestBroker;
import io.switchboard.testing.kafka.WithKafka;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A crashed instance's open transaction does not wait for its timeout (a minute here) when its instance comes back
 * (same transactional id) or when another instance takes its partitions over ({@link PreviousOwners}); an owner that
 * is still in the group is left alone.
 */
@WithKafka
class FencingTest {

    private static final Topics TOPICS = new Topics("fencing-");
    /** Far longer than any wait below: whatever ends a transaction here, it is not its timeout. */
    private static final Duration TRANSACTION_TIMEOUT = Duration.ofSeconds(60);
    private static Admin admin;

    @BeforeAll
    static void connect() {
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaTestBroker.bootstrapServers()));
    }

    @AfterAll
    static void disconnect() {
        admin.close();
    }

    @Test
    void aRestartedInstanceAbortsWhatItsPreviousLifeLeftOpenAtOnce() throws Exception {
        TopicPartition out = topic("restart.out");
        KafkaProducer<String, byte[]> previousLife = clients("restart-service", "restart-0").transactionalProducer();
        previousLife.initTransactions();
        previousLife.beginTransaction();
        previousLife.send(new ProducerRecord<>(out.topic(), "k", new byte[1])).get(10, TimeUnit.SECONDS);
        previousLife.close(Duration.ZERO); // a crash: no commit, no abort
        assertThat(lastStableOffset(out)).isZero();

        try (KafkaProducer<String, byte[]> restarted = clients("restart-service", "restart-0").transactionalProducer()) {
            restarted.initTransactions();
        }
        // The record and its abort marker: read_committed readers go on at once.
        await().atMost(Duration.ofSeconds(5)).until(() -> lastStableOffset(out) == 2);
    }

    @Test
    void aNewOwnerFencesAPreviousOwnerThatLeftTheGroup() throws Exception {
        TopicPartition commands = topic("takeover.commands");
        TopicPartition out = topic("takeover.out");
        KafkaClients old = clients("takeover-service", "old-0");
        KafkaConsumer<String, byte[]> consumer = joined(old, commands);
        KafkaProducer<String, byte[]> producer = old.transactionalProducer();
        producer.initTransactions();
        commit(producer, consumer, old, commands, out);
        // The crash: in the middle of a transaction that also carries the group's offsets.
        producer.beginTransaction();
        producer.send(new ProducerRecord<>(out.topic(), "k", new byte[1])).get(10, TimeUnit.SECONDS);
        producer.sendOffsetsToTransaction(Map.of(commands, old.offset(0)), consumer.groupMetadata());
        producer.close(Duration.ZERO);
        KafkaClients.close(consumer, false);
        assertThat(lastStableOffset(out)).isEqualTo(2);
        // Out of the group after its session timeout.
        await().atMost(Duration.ofSeconds(90)).until(() -> admin.describeConsumerGroups(List.of(old.groupId())).all()
                .get().get(old.groupId()).members().isEmpty());

        KafkaClients next = clients("takeover-service", "next-0");
        assertThat(PreviousOwners.fence(next, admin, List.of(commands))).containsExactly("old-0");
        await().atMost(Duration.ofSeconds(5)).until(() -> lastStableOffset(out) == 4);
    }

    @Test
    void aPreviousOwnerStillInTheGroupIsLeftAlone() throws Exception {
        TopicPartition commands = topic("handover.commands");
        TopicPartition out = topic("handover.out");
        KafkaClients live = clients("handover-service", "live-0");
        try (KafkaConsumer<String, byte[]> consumer = joined(live, commands);
             KafkaProducer<String, byte[]> producer = live.transactionalProducer()) {
            producer.initTransactions();
            commit(producer, consumer, live, commands, out);

            assertThat(PreviousOwners.fence(clients("handover-service", "other-0"), admin, List.of(commands))).isEmpty();
            commit(producer, consumer, live, commands, out); // its producer was not fenced
        }
    }

    private static KafkaClients clients(String service, String instance) {
        return new KafkaClients(KafkaTestBroker.bootstrapServers(), service, instance, TOPICS, TRANSACTION_TIMEOUT);
    }

    private static TopicPartition topic(String name) throws Exception {
        String topic = TOPICS.name(name);
        admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
        return new TopicPartition(topic, 0);
    }

    /** A command consumer of {@code clients} that owns the partition. */
    private static KafkaConsumer<String, byte[]> joined(KafkaClients clients, TopicPartition partition) {
        KafkaConsumer<String, byte[]> consumer = clients.commandConsumer();
        consumer.subscribe(List.of(partition.topic()));
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            consumer.poll(Duration.ofMillis(100));
            return consumer.assignment().equals(Set.of(partition));
        });
        return consumer;
    }

    private static void commit(KafkaProducer<String, byte[]> producer, KafkaConsumer<String, byte[]> consumer,
                               KafkaClients clients, TopicPartition commands, TopicPartition out) {
        producer.beginTransaction();
        producer.send(new ProducerRecord<>(out.topic(), "k", new byte[1]));
        producer.sendOffsetsToTransaction(Map.of(commands, clients.offset(0)), consumer.groupMetadata());
        producer.commitTransaction();
    }

    private static long lastStableOffset(TopicPartition partition) throws Exception {
        return admin.listOffsets(Map.of(partition, OffsetSpec.latest()),
                new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all().get(10, TimeUnit.SECONDS)
                .get(partition).offset();
    }
}
