package io.switchboard.bench.ws;

import io.switchboard.events.serde.MessageCodec;
import io.switchboard.events.task.Priority;
import io.switchboard.events.task.Task;
import io.switchboard.events.task.TaskSlaWarning;
import io.switchboard.events.task.TaskStatus;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Writes {@code task:sla-warning} events for one made-up task at a steady rate, each record stamped with the time it
 * is sent, so that a frame's {@code time} is when its event entered Kafka. Why that topic: only the gateway reads it,
 * so the bench loads the gateway's fan-out and nothing else of the running stack (task.created would also feed the
 * registry's holdings and the SLA monitor's clocks). The value is a real {@link TaskSlaWarning} with the codec's
 * CloudEvents headers, the size of a real one (about 0.9 KB as a frame).
 */
final class PacedProducer implements AutoCloseable {

    private static final long TICK_MS = 5;

    private final KafkaProducer<String, byte[]> producer;
    private final MessageCodec codec = new MessageCodec("/switchboard/bench");
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
    private final String topic;
    private final AtomicLong inWindow = new AtomicLong();

    PacedProducer(String bootstrapServers, String topic) {
        this.topic = topic;
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.LINGER_MS_CONFIG, 1), new StringSerializer(), new ByteArraySerializer());
        if (producer.partitionsFor(topic).isEmpty()) {
            throw new IllegalStateException("No topic " + topic + ": is the stack up (./switchboard up)?");
        }
    }

    /**
     * Sends {@code rate} events a second for task {@code taskId} until {@code window.to}, counting those stamped
     * within the window. Each tick sends what the rate owes by then, so a late tick catches up instead of lowering it.
     */
    void run(String taskId, int rate, FanoutClient.Window window) throws InterruptedException {
        Object event = event(taskId);
        byte[] value = codec.encode(event);
        inWindow.set(0);
        long started = System.currentTimeMillis();
        AtomicLong sent = new AtomicLong();
        var tick = ticker.scheduleAtFixedRate(() -> {
            long now = System.currentTimeMillis();
            long owed = (now - started) * rate / 1000 - sent.get();
            for (long i = 0; i < owed && now < window.to; i++) {
                ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, null, now, taskId, value);
                codec.writeHeaders(record.headers(), event, Instant.ofEpochMilli(now));
                producer.send(record);
                sent.incrementAndGet();
                if (now >= window.from) {
                    inWindow.incrementAndGet();
                }
            }
        }, 0, TICK_MS, TimeUnit.MILLISECONDS);
        while (System.currentTimeMillis() < window.to) {
            TimeUnit.MILLISECONDS.sleep(20);
        }
        tick.cancel(false);
        producer.flush();
    }

    /** Events sent with a timestamp within the last run's window. */
    long sentInWindow() {
        return inWindow.get();
    }

    private static TaskSlaWarning event(String taskId) {
        Instant now = Instant.now();
        Task.Builder task = new Task.Builder();
        task.id = taskId;
        task.name = "Fan-out bench task";
        task.description = "Made up by bench/ws-fanout.sh; only the gateway reads this topic";
        task.priority = Priority.P1;
        task.status = TaskStatus.IN_PROGRESS;
        task.agent = "bench-agent";
        task.progress = 50;
        task.requiredCapabilities = List.of("bench", "websocket");
        task.labels = Map.of("bench", "ws-fanout");
        task.createdAt = now.minus(Duration.ofHours(20));
        task.assignedAt = now.minus(Duration.ofHours(19));
        task.startedAt = now.minus(Duration.ofHours(19));
        task.updatedAt = now;
        task.version = 4;
        return new TaskSlaWarning(taskId, 4, now, task.build(), now.plus(Duration.ofHours(4)), Duration.ofHours(4),
                false);
    }

    @Override
    public void close() {
        ticker.shutdownNow();
        producer.close(Duration.ofSeconds(5));
    }
}
