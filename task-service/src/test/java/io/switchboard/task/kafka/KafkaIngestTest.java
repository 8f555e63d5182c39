package io.switchboard.task.kafka;

import io.switchboard.events.MessageType;
import io.switchboard.events.Topics;
import io.switchboard.events.command.CommandMeta;
import io.switchboard.events.command.CommandOutcome;
import io.switchboard.events.command.CommandResult;
import io.switchboard.events.command.CreateTask;
import io.switchboard.events.serde.CloudEventHeaders;
import io.switchboard.events.serde.MessageCodec;
import io.switchboard.events.serde.MessageSerializer;
import io.switchboard.events.serde.MessageDeserializer;
import io.switchboard.events.task.Priority;
import io.switchboard.events.task.TaskCreated;
import io.switchboard.events.task.TaskSpec;
import io.switchboard.testing.http.Api;
import io.switchboard.task.support.TaskServiceInstance;
import io.switchboard.testing.kafka.TopicReader;
import io.switchboard.testing.kafka.KafkaTestBroker;
import io.switchboard.testing.kafka.WithKafka;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Producers that create tasks straight over Kafka, and what happens to records that cannot be read. */
@WithKafka
class KafkaIngestTest {

    private static final Topics TOPICS = new Topics("ingest-");
    private static TaskServiceInstance service;
    private static Api api;

    @BeforeAll
    static void start() {
        service = TaskServiceInstance.start(TOPICS.prefix(), "ingest-1");
        api = service.api();
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    private static CreateTask create(String taskId) {
        return new CreateTask(new CommandMeta(UUID.randomUUID().toString(), taskId, "ingest-test", Instant.now(),
                null, null), new TaskSpec("From Kafka", null, Priority.P0, null, List.of("n8n"), null, null, null,
                null, null, null, null));
    }

    @Test
    void aCreateCommandOnTheTopicMakesATaskAndTaskCreated() {
        String taskId = "K-" + UUID.randomUUID();
        try (var producer = new KafkaProducer<String, Object>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaTestBroker.bootstrapServers(),
                MessageSerializer.SOURCE_CONFIG, "/external/producer"), new StringSerializer(),
                new MessageSerializer());
             var created = TopicReader.of(TOPICS.of(MessageType.TASK_CREATED), new MessageDeserializer());
             var results = TopicReader.of(TOPICS.of(MessageType.COMMAND_RESULT), new MessageDeserializer())) {
            CreateTask command = create(taskId);
            producer.send(new ProducerRecord<>(TOPICS.name(Topics.TASK_COMMANDS), taskId, command));
            producer.flush();

            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(created.poll())
                    .extracting(ConsumerRecord::value)
                    .anySatisfy(event -> assertThat(event).isInstanceOfSatisfying(TaskCreated.class, e -> {
                        assertThat(e.taskId()).isEqualTo(taskId);
                        assertThat(e.version()).isEqualTo(1);
                        assertThat(e.task().priority()).isEqualTo(Priority.P0);
                    })));
            ConsumerRecord<String, Object> event = created.poll().stream()
                    .filter(r -> r.key().equals(taskId)).findFirst().orElseThrow();
            assertThat(MessageCodec.header(event.headers(), CloudEventHeaders.TYPE)).isEqualTo("task.created");
            assertThat(MessageCodec.header(event.headers(), CloudEventHeaders.SOURCE))
                    .isEqualTo("/switchboard/task-service");
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(results.poll())
                    .extracting(ConsumerRecord::value)
                    .anySatisfy(r -> assertThat(r).isInstanceOfSatisfying(CommandResult.class, result -> {
                        assertThat(result.commandId()).isEqualTo(command.meta().commandId());
                        assertThat(result.outcome()).isEqualTo(CommandOutcome.APPLIED);
                    })));
        }
        Api.Answer answer = api.get("/api/tasks/" + taskId);
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.task().get("name").asString()).isEqualTo("From Kafka");
    }

    @Test
    void poisonRecordsGoToTheDeadLetterTopicAndTheNextGoodOneIsApplied() {
        String goodId = "K-" + UUID.randomUUID();
        String commands = TOPICS.name(Topics.TASK_COMMANDS);
        MessageCodec codec = new MessageCodec("/test");
        try (var producer = new KafkaProducer<String, byte[]>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaTestBroker.bootstrapServers()),
                new StringSerializer(), new ByteArraySerializer());
             var deadLetters = TopicReader.bytes(TOPICS.deadLetter(commands))) {
            String poisonKey = "poison-" + UUID.randomUUID();
            producer.send(record(commands, poisonKey, "task.command.create", "{\"meta\": {broken"));
            producer.send(record(commands, poisonKey, "task.command.explode", "{}"));
            producer.send(new ProducerRecord<>(commands, poisonKey, "no headers at all".getBytes()));
            CreateTask underWrongKey = create("K-" + UUID.randomUUID());
            producer.send(record(commands, poisonKey, "task.command.create",
                    new String(codec.encode(underWrongKey), StandardCharsets.UTF_8)));
            CreateTask good = create(goodId);
            producer.send(record(commands, goodId, "task.command.create",
                    new String(codec.encode(good), StandardCharsets.UTF_8)));
            producer.flush();

            await().atMost(Duration.ofSeconds(20))
                    .until(() -> api.get("/api/tasks/" + goodId).status() == 200);
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
                    deadLetters.poll().stream().filter(r -> poisonKey.equals(r.key())).toList()).hasSize(4));
            List<String> errors = deadLetters.poll().stream().filter(r -> poisonKey.equals(r.key()))
                    .map(r -> MessageCodec.header(r.headers(), "kafka_dlt-exception-message")).toList();
            assertThat(errors.get(0)).startsWith("Malformed task.command.create payload");
            assertThat(errors.get(1)).isEqualTo("Unknown message type 'task.command.explode'");
            assertThat(errors.get(2)).contains("no ce_type header");
            assertThat(errors.get(3)).contains("is not the id");
            ConsumerRecord<String, byte[]> first = deadLetters.poll().stream()
                    .filter(r -> poisonKey.equals(r.key())).findFirst().orElseThrow();
            assertThat(MessageCodec.header(first.headers(), "kafka_dlt-original-topic")).isEqualTo(commands);
            assertThat(new String(first.value(), StandardCharsets.UTF_8)).isEqualTo("{\"meta\": {broken");
        }
        assertThat(api.get("/api/tasks/" + goodId).task().get("version").asLong()).isEqualTo(1);
    }

    private static ProducerRecord<String, byte[]> record(String topic, String key, String type, String value) {
        var headers = new RecordHeaders();
        headers.add(CloudEventHeaders.TYPE, type.getBytes(StandardCharsets.UTF_8));
        return new ProducerRecord<>(topic, null, key, value.getBytes(StandardCharsets.UTF_8), headers);
    }
}
