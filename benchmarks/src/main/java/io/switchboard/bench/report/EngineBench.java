package io.switchboard.bench.report;

import io.switchboard.aggregate.KafkaClients;
import io.switchboard.aggregate.StateView;
import io.switchboard.events.MessageType;
import io.switchboard.events.Topics;
import io.switchboard.events.serde.MessageCodec;
import io.switchboard.events.task.TaskState;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Issue 18's engine choice, measured: the same compacted {@code task.state} topic of N finished tasks read by the
 * kafka-aggregates runtime's {@link StateView} (every task decoded into the heap, as task-service, the decider and
 * the SLA monitor do on every start) and by Kafka Streams (a table materialised in RocksDB, the topic itself its
 * changelog). Each step is its own JVM, so each start and each heap figure is a process's own:
 * <pre>
 * --step=load     --bootstrap=... --topic-prefix=engine- --count=1000000 [--from=0]
 * --step=runtime  --bootstrap=... --topic-prefix=engine- --count=...
 * --step=streams  --bootstrap=... --topic-prefix=engine- --count=... --state-dir=dir --app=engine-bench
 *                 [--crash=true: halt at the end, as kill -9]
 * </pre>
 * A first {@code streams} step with an empty state dir reads the topic as new input (EOS v2 commits); a second with
 * the same dir finds its store on disk and reads only the tail; one with a new dir and the same app id restores the
 * store from the topic (a new instance).
 */
public final class EngineBench {

    private static final Duration TIMEOUT = Duration.ofMinutes(15);
    private static final int PARTITIONS = 6;

    private EngineBench() {
    }

    public static void main(String[] args) throws Exception {
        Cli cli = new Cli(args);
        String step = cli.require("step");
        String bootstrap = cli.require("bootstrap");
        String prefix = cli.get("topic-prefix", "engine-");
        int count = cli.integer("count", 100_000);
        String topic = prefix + Topics.TASK_STATE;
        Map<String, Object> results = switch (step) {
            case "load" -> load(bootstrap, topic, cli.integer("from", 0), count);
            case "runtime" -> runtime(bootstrap, prefix, count);
            case "streams" -> streams(bootstrap, topic, count, Path.of(cli.require("state-dir")),
                    cli.get("app", "engine-bench"), Boolean.parseBoolean(cli.get("crash", "false")));
            default -> throw new IllegalArgumentException("--step is load, runtime or streams");
        };
        results.forEach((key, value) -> System.out.println(step + "." + key + "=" + value));
        String out = cli.get("out", null);
        if (out != null) {
            Cli.writeResults(Path.of(out), results);
        }
        if (Boolean.parseBoolean(cli.get("crash", "false"))) {
            Runtime.getRuntime().halt(0); // as kill -9: nothing closed, nothing flushed, no group left
        }
    }

    /** Tasks {@code from} to {@code count - 1}, finished, written as task-service writes them. */
    private static Map<String, Object> load(String bootstrap, String topic, int from, int count) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            if (!admin.listTopics().names().get().contains(topic)) {
                admin.createTopics(List.of(new NewTopic(topic, PARTITIONS, (short) 1).configs(Map.of(
                        TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)))).all().get();
            }
        }
        MessageCodec codec = new MessageCodec("/switchboard/task-service");
        long start = System.nanoTime();
        long bytes = 0;
        Instant base = Instant.now().minus(Duration.ofDays(1));
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 20, ProducerConfig.BATCH_SIZE_CONFIG, 262_144,
                ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4", ProducerConfig.BUFFER_MEMORY_CONFIG, 128L << 20),
                new StringSerializer(), new ByteArraySerializer())) {
            for (int i = from; i < count; i++) {
                String id = id(i);
                TaskState state = StateLoader.state(id, i, base.plusMillis(i * 2L));
                byte[] value = codec.encode(state);
                bytes += value.length;
                ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, id, value);
                codec.writeHeaders(record.headers(), state, Instant.now());
                producer.send(record);
            }
            producer.flush();
        }
        Map<String, Object> results = new LinkedHashMap<>();
        results.put("tasks_written", count - from);
        results.put("value_bytes_avg", (count - from) == 0 ? 0 : bytes / (count - from));
        results.put("load_seconds", Cli.fmt(seconds(start)));
        return results;
    }

    /** The runtime's view: ready once every record of the topic is decoded into the heap. */
    private static Map<String, Object> runtime(String bootstrap, String prefix, int count) {
        long start = System.nanoTime();
        long cpuBefore = processCpuNanos();
        KafkaClients clients = new KafkaClients(bootstrap, "engine-bench", "engine-bench-1", new Topics(prefix),
                Duration.ofSeconds(60));
        MessageCodec codec = new MessageCodec("/switchboard/engine-bench");
        StateView<TaskState> view = new StateView<>(clients, codec, MessageType.TASK_STATE, s -> s.task().id(),
                TaskState::version, TIMEOUT);
        view.start();
        Map<String, Object> results = new LinkedHashMap<>();
        results.put("ready_seconds", Cli.fmt(seconds(start)));
        results.put("cpu_seconds", Cli.fmt((processCpuNanos() - cpuBefore) / 1e9));
        results.put("tasks_held", view.store().size());
        results.putAll(memory());
        results.put("disk_mb", 0);
        view.stop();
        view.close();
        if (view.store().size() < count) {
            throw new IllegalStateException("the view holds " + view.store().size() + " of " + count + " tasks");
        }
        return results;
    }

    /**
     * Kafka Streams: {@code ready} is the RUNNING state (the store restored); {@code serving} is when the last task
     * of each partition answers from the store, so every task is in it.
     */
    /** @param crash end without closing (the caller halts the JVM), as an instance killed with SIGKILL */
    private static Map<String, Object> streams(String bootstrap, String topic, int count, Path stateDir, String app,
                                               boolean crash) throws Exception {
        boolean hadState = Files.isDirectory(stateDir) && sizeOf(stateDir) > 0;
        long start = System.nanoTime();
        long cpuBefore = processCpuNanos();
        StreamsBuilder builder = new StreamsBuilder();
        builder.table(topic, Consumed.with(Serdes.String(), Serdes.ByteArray()),
                Materialized.<String, byte[], KeyValueStore<Bytes, byte[]>>as("tasks")
                        .withKeySerde(Serdes.String()).withValueSerde(Serdes.ByteArray()));
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, app);
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        config.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        // The topic is the table's changelog: no second copy of every task in Kafka.
        config.put(StreamsConfig.TOPOLOGY_OPTIMIZATION_CONFIG, StreamsConfig.OPTIMIZE);
        config.put(StreamsConfig.consumerPrefix("auto.offset.reset"), "earliest");
        // Static membership, as the runtime's command consumers have: a restarted instance takes its partitions
        // back at once instead of waiting out the session of the one that died.
        config.put(StreamsConfig.consumerPrefix("group.instance.id"), app + "-1");
        KafkaStreams streams = new KafkaStreams(builder.build(config), config);
        CountDownLatch running = new CountDownLatch(1);
        streams.setStateListener((now, before) -> {
            if (now == KafkaStreams.State.RUNNING) {
                running.countDown();
            }
        });
        streams.start();
        if (!running.await(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("Kafka Streams not RUNNING within " + TIMEOUT);
        }
        double ready = seconds(start);
        ReadOnlyKeyValueStore<String, byte[]> store = null;
        Collection<String> lastKeys = lastKeyOfEachPartition(count);
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                store = store != null ? store : streams.store(StoreQueryParameters.fromNameAndType("tasks",
                        QueryableStoreTypes.keyValueStore()));
                ReadOnlyKeyValueStore<String, byte[]> tasks = store;
                if (lastKeys.stream().allMatch(key -> tasks.get(key) != null)) {
                    break;
                }
            } catch (RuntimeException e) {
                store = null; // not queryable yet (rebalancing)
            }
            TimeUnit.MILLISECONDS.sleep(50);
        }
        double serving = seconds(start);
        Map<String, Object> results = new LinkedHashMap<>();
        results.put("had_state_on_disk", hadState);
        results.put("ready_seconds", Cli.fmt(ready));
        results.put("serving_seconds", Cli.fmt(serving));
        results.put("cpu_seconds", Cli.fmt((processCpuNanos() - cpuBefore) / 1e9));
        results.put("tasks_held", store == null ? -1 : store.approximateNumEntries());
        results.putAll(memory());
        if (!crash) {
            streams.close(Duration.ofSeconds(30));
        }
        results.put("disk_mb", sizeOf(stateDir) >> 20);
        return results;
    }

    private static String id(int i) {
        return "eng-" + i;
    }

    private static Collection<String> lastKeyOfEachPartition(int count) {
        Map<Integer, String> last = new TreeMap<>();
        for (int i = count - 1; i >= 0 && last.size() < PARTITIONS; i--) {
            String id = id(i);
            last.putIfAbsent(BuiltInPartitioner.partitionForKey(id.getBytes(StandardCharsets.UTF_8), PARTITIONS),
                    id);
        }
        return last.values();
    }

    /** Heap after a full GC, and the process's resident memory (RocksDB's is outside the heap). */
    private static Map<String, Object> memory() {
        System.gc();
        Map<String, Object> memory = new LinkedHashMap<>();
        memory.put("heap_mb", ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() >> 20);
        try (Stream<String> status = Files.lines(Path.of("/proc/self/status"))) {
            memory.put("rss_mb", status.filter(line -> line.startsWith("VmRSS:"))
                    .map(line -> Long.parseLong(line.replaceAll("\\D", "")) >> 10).findFirst().orElse(-1L));
        } catch (IOException e) {
            memory.put("rss_mb", -1);
        }
        return memory;
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    /** Bytes in the files under {@code dir}; 0 when there is none. */
    static long sizeOf(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(file -> file.toFile().length()).sum();
        }
    }
}
