package io.switchboard.bench.report;

import io.switchboard.events.Topics;
import io.switchboard.events.serde.MessageCodec;
import io.switchboard.events.task.AssignmentMode;
import io.switchboard.events.task.Priority;
import io.switchboard.events.task.Task;
import io.switchboard.events.task.TaskState;
import io.switchboard.events.task.TaskStatus;
import io.switchboard.events.task.TaskTransition;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Writes N task states straight to the compacted {@code task.state} topic, as task-service itself writes them
 * (a {@link TaskState} value with the codec's CloudEvents headers, keyed by task id): completed tasks with their
 * four transitions, the shape most of a long-running system's tasks have. For the recovery measurement: a
 * task-service started afterwards must read all of them before it is ready. With {@code --open=true}: pending tasks
 * (version 1, created, no agent; capabilities no agent has, so they stay pending), for the dashboard's measurement.
 * <pre>--bootstrap=... --count=1000000 --prefix=rec --out=dir [--open=true --results=dashboard-load]</pre>
 */
public final class StateLoader {

    private StateLoader() {
    }

    public static void main(String[] args) throws Exception {
        Cli cli = new Cli(args);
        int count = cli.integer("count", 1_000_000);
        String prefix = cli.get("prefix", "rec");
        Path out = Path.of(cli.get("out", "benchmarks/target/report/data"));
        boolean open = Boolean.parseBoolean(cli.get("open", "false"));
        String resultsName = cli.get("results", "recovery-load");
        MessageCodec codec = new MessageCodec("/switchboard/task-service");
        AtomicLong failures = new AtomicLong();
        long bytes = 0;
        long start = System.nanoTime();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, cli.require("bootstrap"), ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 20, ProducerConfig.BATCH_SIZE_CONFIG, 262_144,
                ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4", ProducerConfig.BUFFER_MEMORY_CONFIG, 128L << 20),
                new StringSerializer(), new ByteArraySerializer())) {
            // Finished a day ago and since, two milliseconds apart: well within the default retention (30 days), so
            // task-service does not archive what the benchmark loaded while it measures.
            Instant base = Instant.now().minus(Duration.ofDays(1));
            for (int i = 0; i < count; i++) {
                String id = prefix + "-" + i;
                TaskState state = open ? pending(id, i, Instant.now()) : state(id, i, base.plusMillis(i * 2L));
                byte[] value = codec.encode(state);
                bytes += value.length;
                ProducerRecord<String, byte[]> record = new ProducerRecord<>(Topics.TASK_STATE, id, value);
                codec.writeHeaders(record.headers(), state, Instant.now());
                producer.send(record, (metadata, error) -> {
                    if (error != null && failures.getAndIncrement() == 0) {
                        System.err.println("send failed: " + error);
                    }
                });
            }
            producer.flush();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("wrote %,d task states (%.0f bytes each on average) to %s in %.1f s (%.0f/s), %d failed%n",
                count, (double) bytes / count, Topics.TASK_STATE, seconds, count / seconds, failures.get());
        Map<String, Object> results = new LinkedHashMap<>();
        results.put("tasks", count);
        results.put("value_bytes_avg", bytes / count);
        results.put("load_seconds", Cli.fmt(seconds));
        results.put("last_id", prefix + "-" + (count - 1));
        results.put("failed_sends", failures.get());
        Cli.writeResults(out.resolve(resultsName + ".properties"), results);
        if (failures.get() > 0) {
            System.exit(2);
        }
    }

    private static TaskState pending(String id, int i, Instant created) {
        Task.Builder task = new Task.Builder();
        task.id = id;
        task.name = "Open task " + i;
        task.description = "Written by the benchmarks' StateLoader for the dashboard measurement";
        task.priority = Priority.values()[i % 4];
        task.status = TaskStatus.PENDING;
        task.requiredCapabilities = List.of("unstaffed-" + (i % 20));
        task.preferredCapabilities = List.of();
        task.labels = Map.of("team", "team-" + (i % 10));
        task.createdAt = created;
        task.updatedAt = created;
        task.version = 1;
        return new TaskState(task.build(), List.of(new TaskTransition(created, null, TaskStatus.PENDING, "bench",
                "created", 1)), "fp-" + Integer.toHexString(id.hashCode()));
    }

    /** A completed task with its four transitions, as most of a long-running system's tasks are. */
    static TaskState state(String id, int i, Instant created) {
        Task.Builder task = new Task.Builder();
        task.id = id;
        task.name = "Recovered task " + i;
        task.description = "Written by the benchmarks' StateLoader for the recovery measurement";
        task.priority = Priority.values()[i % 4];
        task.status = TaskStatus.COMPLETED;
        String agent = "agent-" + (i % 50);
        task.agent = agent;
        task.progress = 100;
        task.requiredCapabilities = List.of("capability-" + (i % 20));
        task.preferredCapabilities = List.of();
        task.labels = Map.of("team", "team-" + (i % 10));
        task.assignmentMode = AssignmentMode.AUTO;
        task.attempts = 1;
        Instant assigned = created.plusMillis(40);
        Instant started = assigned.plusMillis(500);
        Instant completed = started.plusSeconds(60);
        task.createdAt = created;
        task.assignedAt = assigned;
        task.startedAt = started;
        task.completedAt = completed;
        task.updatedAt = completed;
        task.version = 4;
        List<TaskTransition> history = List.of(
                new TaskTransition(created, null, TaskStatus.PENDING, "bench", "created", 1),
                new TaskTransition(assigned, TaskStatus.PENDING, TaskStatus.ASSIGNED, "assignment-service",
                        "best of 3 top eligible agents", 2),
                new TaskTransition(started, TaskStatus.ASSIGNED, TaskStatus.IN_PROGRESS, agent, null, 3),
                new TaskTransition(completed, TaskStatus.IN_PROGRESS, TaskStatus.COMPLETED, agent, null, 4));
        return new TaskState(task.build(), history, "fp-" + Integer.toHexString(id.hashCode()));
    }
}
