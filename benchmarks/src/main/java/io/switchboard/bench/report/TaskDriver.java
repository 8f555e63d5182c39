package io.switchboard.bench.report;

import io.switchboard.events.Topics;
import io.switchboard.events.command.CommandMeta;
import io.switchboard.events.command.CompleteTask;
import io.switchboard.events.command.CreateTask;
import io.switchboard.events.serde.MessageCodec;
import io.switchboard.events.task.AssignmentMode;
import io.switchboard.events.task.Priority;
import io.switchboard.events.task.TaskSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;

/**
 * A minimal load driver: simulated agents registered over REST, tasks created straight on {@code task.commands}
 * (a {@link CreateTask} with the codec's CloudEvents headers, as docs/task-api.md describes), each task completed by
 * a {@link CompleteTask} as soon as its {@code task.assigned} event is read, and every {@code task.completed} of the
 * run noted with the time it was read. Only tasks whose id starts with the run's prefix are touched.
 */
final class TaskDriver implements AutoCloseable {

    final String prefix;
    final String capability;
    private final String bootstrap;
    private final MessageCodec codec = new MessageCodec("/switchboard/bench");
    private final KafkaProducer<String, byte[]> producer;
    private final List<Thread> followers = new java.util.ArrayList<>();
    private volatile boolean running = true;
    /** Task id to the wall time (ms) its task.completed was read. */
    final Map<String, Long> completed = new ConcurrentHashMap<>();
    final AtomicLong completesSent = new AtomicLong();

    TaskDriver(String bootstrap, String prefix) {
        this.bootstrap = bootstrap;
        this.prefix = prefix;
        this.capability = "bench-" + prefix;
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, 2,
                ProducerConfig.BATCH_SIZE_CONFIG, 65536), new StringSerializer(), new ByteArraySerializer());
    }

    /** Registers {@code count} agents with the run's capability, no heartbeat expiry and room for many tasks. */
    void registerAgents(String gatewayUrl, String apiKey, int count, int maxConcurrent) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        for (int i = 0; i < count; i++) {
            String body = "{\"id\":\"" + prefix + "-agent-" + i + "\",\"name\":\"Bench agent " + i
                    + "\",\"capabilities\":[\"" + capability + "\"],\"maxConcurrentTasks\":" + maxConcurrent
                    + ",\"reliability\":0.9,\"heartbeatIntervalMs\":0}";
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(gatewayUrl + "/api/agents"))
                    .header("Content-Type", "application/json").header("X-API-Key", apiKey)
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new IllegalStateException("Registering agent " + i + ": " + response.statusCode() + " "
                        + response.body());
            }
        }
    }

    String taskId(int i) {
        return prefix + "-" + i;
    }

    /** Sends one create command (asynchronously); returns the wall time in ns just before the send. */
    void create(String taskId) {
        TaskSpec spec = new TaskSpec("Bench task " + taskId, null, Priority.P2, null, List.of(capability), null,
                Map.of("bench", prefix), null, null, AssignmentMode.AUTO, null, null);
        send(taskId, new CreateTask(meta(taskId, "bench-driver"), spec));
    }

    private void send(String taskId, Object command) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(Topics.TASK_COMMANDS, taskId, codec.encode(command));
        codec.writeHeaders(record.headers(), command, Instant.now());
        producer.send(record, (metadata, error) -> {
            if (error != null) {
                System.err.println("send failed for " + taskId + ": " + error);
            }
        });
    }

    private static CommandMeta meta(String taskId, String actor) {
        return new CommandMeta(UUID.randomUUID().toString(), taskId, actor, Instant.now(), null, null);
    }

    void flush() {
        producer.flush();
    }

    /**
     * Starts the simulated agents (a CompleteTask for every task.assigned of the run) and the completion watcher.
     * Both begin at the topics' current ends, and this returns once their positions are fixed, so nothing the run
     * writes afterwards is missed.
     */
    void startFollowers() throws InterruptedException {
        follow("task.assigned", (taskId, record) -> {
            send(taskId, new CompleteTask(meta(taskId, "bench-agent")));
            completesSent.incrementAndGet();
        });
        follow("task.completed", (taskId, record) -> completed.putIfAbsent(taskId, System.currentTimeMillis()));
    }

    private void follow(String topic, BiConsumer<String, ConsumerRecord<String, byte[]>> action)
            throws InterruptedException {
        java.util.concurrent.CountDownLatch positioned = new java.util.concurrent.CountDownLatch(1);
        Thread thread = new Thread(() -> {
            try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                    ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                    ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                    ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000), new StringDeserializer(),
                    new ByteArrayDeserializer())) {
                List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                        .map(p -> new TopicPartition(topic, p.partition())).toList();
                consumer.assign(partitions);
                consumer.seekToEnd(partitions);
                partitions.forEach(consumer::position);
                positioned.countDown();
                while (running) {
                    for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(50))) {
                        if (record.key() != null && record.key().startsWith(prefix + "-")) {
                            action.accept(record.key(), record);
                        }
                    }
                }
            }
        }, "follow-" + topic);
        thread.setDaemon(true);
        thread.start();
        followers.add(thread);
        positioned.await();
    }

    @Override
    public void close() {
        running = false;
        producer.close(Duration.ofSeconds(5));
        for (Thread thread : followers) {
            try {
                thread.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
