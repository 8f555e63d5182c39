package io.switchboard.testing.kafka;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.context.support.GenericApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

@WithKafka
class KafkaTestBrokerTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @Test
    void resolvesOneBrokerForTheWholeJvm() {
        assertThat(KafkaTestBroker.bootstrapServers()).isNotBlank().contains(":");
        assertThat(KafkaTestBroker.kind()).isIn("external", "testcontainers", "embedded");
        assertThat(KafkaTestBroker.bootstrapServers()).isSameAs(KafkaTestBroker.bootstrapServers());
    }

    @Test
    void transactionalWritesAreSeenOnlyOnceCommitted() throws Exception {
        String topic = "tx-" + UUID.randomUUID();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaTestBroker.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(topic, 3, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }

        try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerProps("tx-test-" + UUID.randomUUID()))) {
            producer.initTransactions();
            // One key, so one partition: reading "c4" proves the aborted records before it were skipped.
            sendInTransaction(producer, topic, true, "c1", "c2", "c3");
            sendInTransaction(producer, topic, false, "a1", "a2");
            sendInTransaction(producer, topic, true, "c4");
        }

        assertThat(readUntil(topic, "read_committed", "c4")).containsExactly("c1", "c2", "c3", "c4");
        // The aborted records did reach the log: only the isolation level hides them.
        assertThat(readUntil(topic, "read_uncommitted", "c4")).containsExactly("c1", "c2", "c3", "a1", "a2", "c4");
    }

    @Test
    void autoCreatesTopicsWithSixPartitions() throws Exception {
        assumeThat(KafkaTestBroker.kind()).as("an external broker has its own defaults").isNotEqualTo("external");
        String topic = "auto-" + UUID.randomUUID();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerProps(null))) {
            producer.send(new ProducerRecord<>(topic, "k", "v")).get(30, TimeUnit.SECONDS);
            assertThat(producer.partitionsFor(topic)).hasSize(6);
        }
    }

    @Test
    void isReachableFromAnotherProcess() throws Exception {
        String topic = "child-" + UUID.randomUUID();
        // Surefire's class path is a manifest-only jar; its Class-Path entries work for a child JVM too.
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "-XX:TieredStopAtLevel=1",
                ChildProducer.class.getName(), KafkaTestBroker.bootstrapServers(), topic)
                .inheritIO()
                .start();
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).as("child JVM finished").isTrue();
        assertThat(child.exitValue()).isZero();
        assertThat(readUntil(topic, "read_committed", ChildProducer.VALUE)).containsExactly(ChildProducer.VALUE);
    }

    @Test
    void springHelpersSetTheBootstrapServersProperty() {
        try (GenericApplicationContext context = new GenericApplicationContext()) {
            new KafkaBrokerInitializer().initialize(context);
            assertThat(context.getEnvironment().getProperty("spring.kafka.bootstrap-servers"))
                    .isEqualTo(KafkaTestBroker.bootstrapServers());
        }
        Map<String, Object> registered = new HashMap<>();
        KafkaTestBroker.register((name, value) -> registered.put(name, value.get()));
        assertThat(registered).containsEntry("spring.kafka.bootstrap-servers", KafkaTestBroker.bootstrapServers());
    }

    private static void sendInTransaction(KafkaProducer<String, String> producer, String topic, boolean commit,
            String... values) {
        producer.beginTransaction();
        for (String value : values) {
            producer.send(new ProducerRecord<>(topic, "task-1", value));
        }
        if (commit) {
            producer.commitTransaction();
        }
        else {
            producer.flush(); // make sure the records are in the log before they are aborted
            producer.abortTransaction();
        }
    }

    /** Values read from the beginning of {@code topic}, polling until {@code last} shows up. */
    private static List<String> readUntil(String topic, String isolation, String last) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaTestBroker.bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "reader-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
            // subscribe (not assign) so the group coordinator, i.e. __consumer_offsets, is exercised too
            consumer.subscribe(List.of(topic));
            await().atMost(TIMEOUT).until(() -> {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    values.add(record.value());
                }
                return values.contains(last);
            });
            consumer.commitSync();
        }
        return values;
    }

    private static Properties producerProps(String transactionalId) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaTestBroker.bootstrapServers());
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        if (transactionalId != null) {
            props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
        }
        return props;
    }
}
