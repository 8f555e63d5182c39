package io.switchboard.assignment;

import io.switchboard.agent.AgentRegistryApplication;
import io.switchboard.events.MessageType;
import io.switchboard.events.Topics;
import io.switchboard.events.command.CommandMeta;
import io.switchboard.events.command.CompleteTask;
import io.switchboard.events.command.CreateTask;
import io.switchboard.events.command.StartTask;
import io.switchboard.events.command.TaskCommand;
import io.switchboard.events.serde.MessageSerializer;
import io.switchboard.events.task.AssignmentMode;
import io.switchboard.events.task.Priority;
import io.switchboard.events.task.TaskSpec;
import io.switchboard.task.TaskServiceApplication;
import io.switchboard.testing.http.Api;
import io.switchboard.testing.kafka.KafkaTestBroker;
import io.switchboard.testing.kafka.WithKafka;
import io.switchboard.testing.process.ChildService;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * How long a take-over takes after a SIGKILL, measured rather than assumed: two task-service instances and two
 * deciders, each in its own process, tasks created at a steady rate (50 a second) and agents that finish what they
 * are given. First one task-service instance is killed: the time until the survivor applies the first command of
 * each partition the dead one owned. Then the active decider is killed: the time until the survivor's first
 * decision, the longest pause in the stream of assignments, and create-to-assigned around the kill.
 *
 * <p>A measurement, not part of the normal build: {@code -Dswitchboard.takeover.measure=true} runs it;
 * {@code -Dswitchboard.takeover.max-ms=3000} also fails it when a take-over took longer. The figures are printed and
 * written to {@code target/takeover-times.txt}. {@code -Dswitchboard.takeover.args="--a=b --c=d"} passes settings to
 * every service process.
 */
@WithKafka
@EnabledIfSystemProperty(named = "switchboard.takeover.measure", matches = "true")
class TakeoverTimesTest {

    private static final Topics TOPICS = new Topics("takeover-");
    private static final int RATE = Integer.getInteger("switchboard.takeover.rate", 50);
    private static final Duration WARM_UP = Duration.ofSeconds(Long.getLong("switchboard.takeover.warm-up", 20));
    private static final Duration AFTER = Duration.ofSeconds(Long.getLong("switchboard.takeover.after", 30));
    private static final long MAX_MS = Long.getLong("switchboard.takeover.max-ms", 0);
    private static final List<String> EXTRA_ARGS = Arrays.stream(System.getProperty("switchboard.takeover.args", "")
            .trim().split("\\s+")).filter(arg -> !arg.isBlank()).toList();
    private static final int AGENTS = 20;

    /** One record seen on a topic: where, its key, its timestamp (when it was written) and when this test saw it. */
    private record Seen(String topic, int partition, String key, long written, long observed) {
    }

    private final Queue<Seen> seen = new ConcurrentLinkedQueue<>();
    private final Map<String, Long> sent = new ConcurrentHashMap<>();
    private final Map<String, Long> assigned = new ConcurrentHashMap<>();
    private final List<String> report = new ArrayList<>();

    @Test
    void takeOverAfterSigkill() throws Exception {
        ScheduledExecutorService load = Executors.newScheduledThreadPool(2);
        List<ChildService> children = new ArrayList<>();
        ConfigurableApplicationContext registry = null;
        Thread observer = null;
        KafkaConsumer<String, byte[]> consumer = null;
        try (KafkaProducer<String, Object> producer = producer()) {
            registry = AgentRegistryApplication.application().run(
                    "--server.port=0", "--spring.kafka.bootstrap-servers=" + KafkaTestBroker.bootstrapServers(),
                    "--switchboard.topic-prefix=" + TOPICS.prefix(), "--switchboard.instance-id=takeover-agents");
            Api agents = new Api(((WebServerApplicationContext) registry).getWebServer().getPort());
            for (int i = 0; i < AGENTS; i++) {
                assertThat(agents.post("/api/agents", "{\"id\":\"takeover-agent-" + i + "\",\"capabilities\":[\"work\"],"
                        + "\"maxConcurrentTasks\":500,\"heartbeatIntervalMs\":0}").status()).isEqualTo(201);
            }
            ChildService tasksA = child(children, "takeover-tasks-a", TaskServiceApplication.class, "tasks-a");
            ChildService tasksB = child(children, "takeover-tasks-b", TaskServiceApplication.class, "tasks-b");
            ChildService deciderA = child(children, "takeover-decider-a", AssignmentApplication.class, "decider-a");
            ChildService deciderB = child(children, "takeover-decider-b", AssignmentApplication.class, "decider-b");

            consumer = observerConsumer();
            KafkaConsumer<String, byte[]> records = consumer;
            observer = new Thread(() -> observe(records, producer), "takeover-observer");
            observer.start();
            AtomicInteger next = new AtomicInteger();
            load.scheduleAtFixedRate(() -> create(producer, next.getAndIncrement()), 0, 1_000_000 / RATE,
                    TimeUnit.MICROSECONDS);

            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                    KafkaTestBroker.bootstrapServers()))) {
                String taskGroup = TOPICS.name("task-service");
                await().atMost(Duration.ofMinutes(2)).until(() -> owned(admin, taskGroup, "tasks-a").size() > 0
                        && owned(admin, taskGroup, "tasks-b").size() > 0);
                awaitSteady(WARM_UP);

                // 1. A task-service instance, while it owns partitions.
                await().atMost(Duration.ofMinutes(1)).until(() -> owned(admin, taskGroup, "tasks-b").size() > 0);
                Set<Integer> dead = owned(admin, taskGroup, "tasks-b");
                long killed = killNow(tasksB);
                note("task-service: killed tasks-b (partitions %s) at %s under %d creates/s", dead,
                        Instant.ofEpochMilli(killed), RATE);
                awaitQuietly(AFTER);
                long worstApplied = 0;
                long worstVisible = 0;
                for (int partition : dead) {
                    Seen first = firstAfter(TOPICS.of(MessageType.TASK_CREATED), partition, killed);
                    if (first == null) {
                        note("  partition %d: nothing applied within %s", partition, AFTER);
                        worstApplied = worstVisible = Long.MAX_VALUE;
                        continue;
                    }
                    note("  partition %d: first command applied by the survivor %d ms after the kill, visible to "
                            + "read_committed readers after %d ms", partition, first.written() - killed,
                            first.observed() - killed);
                    worstApplied = Math.max(worstApplied, first.written() - killed);
                    worstVisible = Math.max(worstVisible, first.observed() - killed);
                }
                note("task-service take-over: %s ms (applied), %s ms (visible)", ms(worstApplied), ms(worstVisible));
                latencies("task-service", killed);
                long taskTakeover = worstVisible;
                awaitSteady(Duration.ofSeconds(5));

                // 1b. The same instance back (a planned restart, or a pod replaced): what its joining costs the other.
                long restarted = System.currentTimeMillis();
                children.remove(tasksB);
                tasksB = child(children, "takeover-tasks-b", TaskServiceApplication.class, "tasks-b");
                ChildService rejoined = tasksB;
                await().atMost(Duration.ofMinutes(1)).until(() -> owned(admin, taskGroup, "tasks-b").size() > 0);
                long back = System.currentTimeMillis();
                Set<Integer> kept = owned(admin, taskGroup, "tasks-a");
                awaitQuietly(Duration.ofSeconds(10));
                note("task-service: tasks-b restarted with the same instance id, ready and owning %s %d ms after its "
                        + "start; longest pause in applying the commands of the partitions tasks-a kept, %s, meanwhile: "
                        + "%d ms", owned(admin, taskGroup, "tasks-b"), back - restarted, kept,
                        longestPause(TOPICS.of(MessageType.TASK_CREATED), kept, restarted, back + 10_000));
                assertThat(rejoined.alive()).isTrue();
                awaitSteady(Duration.ofSeconds(5));

                // 2. The active decider.
                String deciderGroup = TOPICS.name("assignment-service");
                await().atMost(Duration.ofSeconds(30)).until(() -> owner(admin, deciderGroup) != null);
                ChildService active = owner(admin, deciderGroup).contains("decider-a") ? deciderA : deciderB;
                long deciderKilled = killNow(active);
                note("assignment-service: killed the active decider %s at %s", active.name(),
                        Instant.ofEpochMilli(deciderKilled));
                awaitQuietly(AFTER);
                Seen decision = firstAfter(TOPICS.of(MessageType.ASSIGNMENT_DECIDED), -1, deciderKilled);
                Seen applied = firstAssignmentDecidedAfter(deciderKilled);
                note("  first decision by the survivor: %s ms after the kill (visible after %s ms)",
                        decision == null ? "none" : decision.written() - deciderKilled,
                        decision == null ? "none" : decision.observed() - deciderKilled);
                note("  first of its assignments applied by task-service: %s ms (visible after %s ms)",
                        applied == null ? "none" : applied.written() - deciderKilled,
                        applied == null ? "none" : applied.observed() - deciderKilled);
                note("  longest pause between two assignments seen around the kill: %d ms",
                        longestPause(TOPICS.of(MessageType.TASK_ASSIGNED), deciderKilled - 2_000,
                                deciderKilled + AFTER.toMillis()));
                latencies("assignment-service", deciderKilled);
                long deciderTakeover = applied == null ? Long.MAX_VALUE : applied.observed() - deciderKilled;
                write();
                if (MAX_MS > 0) {
                    assertThat(taskTakeover).as("task-service take-over, ms").isLessThanOrEqualTo(MAX_MS);
                    assertThat(deciderTakeover).as("decider take-over, ms").isLessThanOrEqualTo(MAX_MS);
                }
            }
        } finally {
            load.shutdownNow();
            if (consumer != null) {
                consumer.wakeup();
            }
            if (observer != null) {
                observer.join(10_000);
            }
            for (ChildService child : children) {
                child.close();
            }
            if (registry != null) {
                registry.close();
            }
        }
    }

    private ChildService child(List<ChildService> children, String name, Class<?> main, String instance) {
        List<String> args = new ArrayList<>(List.of("--spring.kafka.bootstrap-servers=" + KafkaTestBroker.bootstrapServers(),
                "--switchboard.topic-prefix=" + TOPICS.prefix(), "--switchboard.instance-id=" + instance));
        args.addAll(EXTRA_ARGS);
        ChildService child = ChildService.start(name, main, args.toArray(String[]::new));
        children.add(child);
        return child;
    }

    private static long killNow(ChildService child) throws InterruptedException {
        long at = System.currentTimeMillis();
        child.kill();
        return at;
    }

    private void create(KafkaProducer<String, Object> producer, int n) {
        String id = "TKO-" + n;
        sent.put(id, System.currentTimeMillis());
        send(producer, new CreateTask(meta(id), new TaskSpec("Task " + n, null, Priority.P2, null, List.of("work"),
                null, null, null, null, AssignmentMode.AUTO, null, null)));
    }

    /** Records every create, decision and assignment as it becomes readable; agents finish what they are given. */
    private void observe(KafkaConsumer<String, byte[]> consumer, KafkaProducer<String, Object> producer) {
        String assignedTopic = TOPICS.of(MessageType.TASK_ASSIGNED);
        try {
            while (true) {
                var batch = consumer.poll(Duration.ofMillis(20));
                long now = System.currentTimeMillis();
                for (ConsumerRecord<String, byte[]> record : batch) {
                    seen.add(new Seen(record.topic(), record.partition(), record.key(), record.timestamp(), now));
                    if (record.topic().equals(assignedTopic)) {
                        assigned.putIfAbsent(record.key(), now);
                        send(producer, new StartTask(meta(record.key())));
                        send(producer, new CompleteTask(meta(record.key())));
                    }
                }
            }
        } catch (WakeupException e) {
            // stopped
        } finally {
            consumer.close();
        }
    }

    private static KafkaConsumer<String, byte[]> observerConsumer() {
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaTestBroker.bootstrapServers(),
                ConsumerConfig.CLIENT_ID_CONFIG, "takeover-observer-" + UUID.randomUUID(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 20),
                new StringDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = new ArrayList<>();
        for (MessageType type : List.of(MessageType.TASK_CREATED, MessageType.TASK_ASSIGNED,
                MessageType.ASSIGNMENT_DECIDED)) {
            String topic = TOPICS.of(type);
            await().atMost(Duration.ofSeconds(30)).until(() -> !consumer.partitionsFor(topic).isEmpty());
            consumer.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        return consumer;
    }

    /** Waits until everything created more than 5 s ago is assigned, then lets {@code time} pass under load. */
    private void awaitSteady(Duration time) {
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500)).until(() -> {
            long cutoff = System.currentTimeMillis() - 5_000;
            return sent.entrySet().stream().filter(e -> e.getValue() < cutoff).allMatch(e -> assigned.containsKey(e.getKey()));
        });
        awaitQuietly(time);
    }

    /** Lets time pass while the load runs (Awaitility rather than a sleep: nothing to wait for but the clock). */
    private static void awaitQuietly(Duration time) {
        long until = System.nanoTime() + time.toNanos();
        await().atMost(time.plusSeconds(5)).pollInterval(Duration.ofMillis(100)).until(() -> System.nanoTime() >= until);
    }

    /** The first record written at or after {@code at} on the topic (on one partition, or any when -1). */
    private Seen firstAfter(String topic, int partition, long at) {
        return seen.stream().filter(s -> s.topic().equals(topic) && (partition < 0 || s.partition() == partition)
                && s.written() >= at).min(Comparator.comparingLong(Seen::written)).orElse(null);
    }

    /** The first assignment applied for a task whose decision was made after {@code at} (by the survivor). */
    private Seen firstAssignmentDecidedAfter(long at) {
        Set<String> decidedAfter = seen.stream().filter(s -> s.topic().equals(TOPICS.of(MessageType.ASSIGNMENT_DECIDED))
                && s.written() >= at).map(Seen::key).collect(Collectors.toSet());
        return seen.stream().filter(s -> s.topic().equals(TOPICS.of(MessageType.TASK_ASSIGNED))
                && decidedAfter.contains(s.key())).min(Comparator.comparingLong(Seen::observed)).orElse(null);
    }

    private long longestPause(String topic, long from, long to) {
        return longestPause(topic, null, from, to);
    }

    /** The longest time between two records seen on the topic (on those partitions, or any when null). */
    private long longestPause(String topic, Set<Integer> partitions, long from, long to) {
        List<Long> times = seen.stream().filter(s -> s.topic().equals(topic) && s.observed() >= from
                && (partitions == null || partitions.contains(s.partition()))
                && s.observed() <= to).map(Seen::observed).sorted().toList();
        long longest = 0;
        for (int i = 1; i < times.size(); i++) {
            longest = Math.max(longest, times.get(i) - times.get(i - 1));
        }
        return longest;
    }

    /** Create-to-assigned (seen by a reader) of the tasks created from 5 s before the kill to 10 s after. */
    private void latencies(String what, long killed) {
        List<Long> values = new ArrayList<>();
        int missing = 0;
        for (Map.Entry<String, Long> task : sent.entrySet()) {
            if (task.getValue() < killed - 5_000 || task.getValue() > killed + 10_000) {
                continue;
            }
            Long at = assigned.get(task.getKey());
            if (at == null) {
                missing++;
            } else {
                values.add(at - task.getValue());
            }
        }
        values.sort(null);
        note("  create-to-assigned of the %d tasks created from 5 s before to 10 s after the %s kill: p50 %d ms, "
                        + "p99 %d ms, max %d ms; %d not assigned yet", values.size() + missing, what,
                percentile(values, 50), percentile(values, 99), values.isEmpty() ? 0 : values.get(values.size() - 1),
                missing);
    }

    private static long percentile(List<Long> sorted, int p) {
        return sorted.isEmpty() ? 0 : sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }

    private static String ms(long value) {
        return value == Long.MAX_VALUE ? "more than the wait" : String.valueOf(value);
    }

    private void note(String format, Object... args) {
        String line = String.format(format, args);
        report.add(line);
        System.out.println("[takeover] " + line);
    }

    private void write() throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add("# " + Instant.now() + " rate " + RATE + "/s, args " + EXTRA_ARGS);
        lines.addAll(report);
        Files.write(Path.of("target", "takeover-times.txt"), lines, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
    }

    /** The partitions of task.commands that the member named {@code instance} owns. */
    private static Set<Integer> owned(Admin admin, String group, String instance) throws Exception {
        for (MemberDescription member : admin.describeConsumerGroups(List.of(group)).all().get().get(group).members()) {
            if (member.clientId().endsWith("-" + instance)) {
                return member.assignment().topicPartitions().stream()
                        .filter(p -> p.topic().equals(TOPICS.name(Topics.TASK_COMMANDS)))
                        .map(TopicPartition::partition).collect(Collectors.toSet());
            }
        }
        return Set.of();
    }

    private static String owner(Admin admin, String group) throws Exception {
        for (MemberDescription member : admin.describeConsumerGroups(List.of(group)).all().get().get(group).members()) {
            if (!member.assignment().topicPartitions().isEmpty()) {
                return member.clientId();
            }
        }
        return null;
    }

    private static KafkaProducer<String, Object> producer() {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaTestBroker.bootstrapServers(),
                ProducerConfig.LINGER_MS_CONFIG, 1, MessageSerializer.SOURCE_CONFIG, "/takeover-test"),
                new StringSerializer(), new MessageSerializer());
    }

    private static void send(KafkaProducer<String, Object> producer, TaskCommand command) {
        producer.send(new ProducerRecord<>(TOPICS.name(Topics.TASK_COMMANDS), command.taskId(), command));
    }

    private static CommandMeta meta(String taskId) {
        return new CommandMeta(UUID.randomUUID().toString(), taskId, "takeover-test", Instant.now(), null, null);
    }
}
