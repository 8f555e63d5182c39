package io.switchboard.bench.report;

import io.switchboard.events.serde.MessageCodec;
import io.switchboard.events.task.Task;
import io.switchboard.events.task.TaskStatus;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.BloomFilter;
import org.rocksdb.CompressionType;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.IntFunction;

/**
 * Issue 18's queries over finished tasks, answered from a store on disk: N tasks in RocksDB (the engine Kafka Streams
 * keeps its stores in), each under its id, with index entries by status, agent, label, capability and time (newest
 * first), and a count per index value kept as tasks are written. A page of 100 is a seek and a scan of its index,
 * then one multi-get of the tasks; the next page continues after the last key (a cursor, never an offset); a total
 * is the kept count, or, within a time range, the kept counts of its whole minutes and a scan of its edges.
 * <pre>
 * --step=load  --dir=... --count=10000000
 * --step=query --dir=... --count=... [--queries=1000]     (a new JVM: the store as a restarted instance finds it)
 * </pre>
 */
public final class QueryStoreBench {

    private static final int PAGE = 100;
    private static final int AGENTS = 50;
    private static final int TEAMS = 10;
    private static final int CAPABILITIES = 20;
    private static final byte SEP = '|';
    private static final long MINUTE = 60_000;

    private QueryStoreBench() {
    }

    public static void main(String[] args) throws Exception {
        Cli cli = new Cli(args);
        RocksDB.loadLibrary();
        Path dir = Path.of(cli.require("dir"));
        int count = cli.integer("count", 1_000_000);
        Map<String, Object> results = switch (cli.require("step")) {
            case "load" -> load(dir, count);
            case "query" -> query(dir, count, cli.integer("queries", 1_000));
            default -> throw new IllegalArgumentException("--step is load or query");
        };
        results.forEach((key, value) -> System.out.println(key + "=" + value));
    }

    private static Options options() {
        return new Options().setCreateIfMissing(true).setCompressionType(CompressionType.LZ4_COMPRESSION)
                .setTableFormatConfig(new BlockBasedTableConfig().setBlockCache(new LRUCache(64L << 20))
                        .setFilterPolicy(new BloomFilter(10)));
    }

    /** The shape of the recovery measurement's tasks, with a spread of end states. */
    private static TaskStatus statusOf(int i) {
        int r = Math.floorMod(i * 7919, 100);
        return r < 90 ? TaskStatus.COMPLETED : r < 97 ? TaskStatus.FAILED : r < 99 ? TaskStatus.CANCELLED
                : TaskStatus.PENDING;
    }

    private static Map<String, Object> load(Path dir, int count) throws RocksDBException, IOException {
        MessageCodec codec = new MessageCodec("/switchboard/task-service");
        Instant base = Instant.now().minus(Duration.ofDays(30));
        Map<String, Long> counts = new HashMap<>();
        long start = System.nanoTime();
        long bytes = 0;
        try (Options options = options(); RocksDB db = RocksDB.open(options, dir.toString());
             WriteOptions write = new WriteOptions().setDisableWAL(true)) {
            WriteBatch batch = new WriteBatch();
            for (int i = 0; i < count; i++) {
                Task task = StateLoader.state(id(i), i, base.plusMillis(i * 2L)).task();
                TaskStatus status = statusOf(i);
                byte[] value = codec.encode(task);
                bytes += value.length;
                batch.put(key("k", id(i)), value);
                long at = base.plusMillis(i * 2L).toEpochMilli();
                for (String index : indexesOf(i, status)) {
                    batch.put(indexKey(index, at, id(i)), new byte[0]);
                    counts.merge(index, 1L, Long::sum);
                }
                batch.put(indexKey("t", at, id(i)), new byte[0]);
                counts.merge(minuteBucket(at / MINUTE), 1L, Long::sum);
                if (batch.count() >= 5_000) {
                    db.write(write, batch);
                    batch.close();
                    batch = new WriteBatch();
                }
            }
            for (Map.Entry<String, Long> entry : counts.entrySet()) {
                batch.put(key("n", entry.getKey()), ByteBuffer.allocate(Long.BYTES).putLong(entry.getValue())
                        .array());
            }
            db.write(write, batch);
            batch.close();
            db.flushWal(true);
            db.compactRange();
        }
        Map<String, Object> results = new LinkedHashMap<>();
        results.put("tasks", count);
        results.put("value_bytes_avg", bytes / Math.max(1, count));
        results.put("load_seconds", Cli.fmt((System.nanoTime() - start) / 1e9));
        results.put("disk_mb", EngineBench.sizeOf(dir) >> 20);
        return results;
    }

    private static List<String> indexesOf(int i, TaskStatus status) {
        return List.of("s=" + status, "a=agent-" + (i % AGENTS), "l=team=team-" + (i % TEAMS),
                "c=capability-" + (i % CAPABILITIES));
    }

    private static Map<String, Object> query(Path dir, int count, int queries) throws RocksDBException {
        SplittableRandom random = new SplittableRandom(18);
        Map<String, Object> results = new LinkedHashMap<>();
        long open = System.nanoTime();
        try (Options options = options(); RocksDB db = RocksDB.open(options, dir.toString());
             ReadOptions read = new ReadOptions()) {
            results.put("open_ms", Cli.fmt((System.nanoTime() - open) / 1e6));
            byte[] any = db.get(key("k", id(count - 1)));
            if (any == null) {
                throw new IllegalStateException("the store does not hold " + id(count - 1));
            }
            Map<String, IntFunction<String>> kinds = new LinkedHashMap<>();
            kinds.put("by_status", n -> "s=" + (n % 3 == 0 ? TaskStatus.FAILED : TaskStatus.COMPLETED));
            kinds.put("by_agent", n -> "a=agent-" + (n % AGENTS));
            kinds.put("by_label", n -> "l=team=team-" + (n % TEAMS));
            kinds.put("by_capability", n -> "c=capability-" + (n % CAPABILITIES));
            for (Map.Entry<String, IntFunction<String>> kind : kinds.entrySet()) {
                double[] first = new double[queries];
                double[] next = new double[queries];
                for (int q = 0; q < queries; q++) {
                    String index = kind.getValue().apply(random.nextInt(1_000));
                    long t0 = System.nanoTime();
                    Page page = page(db, read, index, null, Long.MAX_VALUE);
                    first[q] = (System.nanoTime() - t0) / 1e6;
                    long t1 = System.nanoTime();
                    page(db, read, index, page.lastKey(), Long.MAX_VALUE);
                    next[q] = (System.nanoTime() - t1) / 1e6;
                    if (page.tasks().size() != PAGE || page.total() <= 0) {
                        throw new IllegalStateException(index + " gave " + page.tasks().size() + " tasks");
                    }
                }
                percentiles(results, kind.getKey() + "_page_ms", first);
                percentiles(results, kind.getKey() + "_next_page_ms", next);
            }
            // Pages that start at a random time (what a user paging far back, or a "before" filter, reads): tasks and
            // index blocks the cache does not hold yet.
            long first = Instant.now().minus(Duration.ofDays(30)).toEpochMilli();
            double[] deep = new double[queries];
            for (int q = 0; q < queries; q++) {
                String index = kinds.get("by_agent").apply(random.nextInt(1_000));
                long before = first + PAGE * 1_000L + random.nextLong(Math.max(1, count * 2L - PAGE * 1_000L));
                long t0 = System.nanoTime();
                Page page = page(db, read, index, null, before);
                deep[q] = (System.nanoTime() - t0) / 1e6;
                if (page.tasks().size() != PAGE) {
                    throw new IllegalStateException(index + " before " + before + " gave " + page.tasks().size());
                }
            }
            percentiles(results, "by_agent_at_random_time_page_ms", deep);
            double[] byId = new double[queries];
            for (int q = 0; q < queries; q++) {
                long t0 = System.nanoTime();
                db.get(read, key("k", id(random.nextInt(count))));
                byId[q] = (System.nanoTime() - t0) / 1e6;
            }
            percentiles(results, "by_id_ms", byId);
            // A time range's total: the tasks written within an hour ending at a random time.
            double[] range = new double[Math.max(1, queries / 10)];
            long span = Math.max(1, count * 2L - 3_600_000L);
            for (int q = 0; q < range.length; q++) {
                long to = Instant.now().minus(Duration.ofDays(30)).toEpochMilli() + 3_600_000L
                        + random.nextLong(span);
                long t0 = System.nanoTime();
                long inRange = countRange(db, read, to - 3_600_000L, to);
                range[q] = (System.nanoTime() - t0) / 1e6;
                if (inRange <= 0) {
                    throw new IllegalStateException("no task in the hour before " + to);
                }
            }
            percentiles(results, "hour_range_total_ms", range);
        }
        return results;
    }

    private record Page(List<byte[]> tasks, byte[] lastKey, long total) {
    }

    /**
     * A page of 100 tasks of one index value, newest first: after {@code after} (a cursor), or from the newest one
     * written before {@code beforeMillis}.
     */
    private static Page page(RocksDB db, ReadOptions read, String index, byte[] after, long beforeMillis)
            throws RocksDBException {
        byte[] prefix = key("i", index + (char) SEP);
        List<byte[]> ids = new ArrayList<>(PAGE);
        byte[] last = null;
        try (RocksIterator it = db.newIterator(read)) {
            it.seek(after != null ? after : beforeMillis == Long.MAX_VALUE ? prefix
                    : indexKey(index, beforeMillis, ""));
            if (after != null && it.isValid() && Arrays.equals(it.key(), after)) {
                it.next();
            }
            for (; it.isValid() && ids.size() < PAGE && startsWith(it.key(), prefix); it.next()) {
                last = it.key();
                ids.add(key("k", idIn(last)));
            }
        }
        List<byte[]> tasks = db.multiGetAsList(read, ids);
        byte[] total = db.get(read, key("n", index));
        return new Page(tasks, last, total == null ? 0 : ByteBuffer.wrap(total).getLong());
    }

    /**
     * The tasks written in {@code [from, to)}: the kept count of each whole minute in between, and a scan of the time
     * index for the part-minutes at the edges.
     */
    private static long countRange(RocksDB db, ReadOptions read, long from, long to) throws RocksDBException {
        long firstWhole = Math.floorDiv(from + MINUTE - 1, MINUTE);
        long endWhole = Math.floorDiv(to, MINUTE);
        if (firstWhole >= endWhole) {
            return scan(db, read, from, to);
        }
        List<byte[]> buckets = new ArrayList<>();
        for (long minute = firstWhole; minute < endWhole; minute++) {
            buckets.add(key("n", minuteBucket(minute)));
        }
        long n = 0;
        for (byte[] count : db.multiGetAsList(read, buckets)) {
            n += count == null ? 0 : ByteBuffer.wrap(count).getLong();
        }
        return n + scan(db, read, from, firstWhole * MINUTE) + scan(db, read, endWhole * MINUTE, to);
    }

    private static String minuteBucket(long minute) {
        return "tm=" + minute;
    }

    /** The time index's keys in {@code [from, to)}, counted one by one. */
    private static long scan(RocksDB db, ReadOptions read, long from, long to) {
        if (from >= to) {
            return 0;
        }
        byte[] start = indexKey("t", to - 1, "");
        byte[] end = indexKey("t", from, "~");
        long n = 0;
        try (RocksIterator it = db.newIterator(read)) {
            for (it.seek(start); it.isValid() && Arrays.compareUnsigned(it.key(), end) < 0; it.next()) {
                n++;
            }
        }
        return n;
    }

    private static void percentiles(Map<String, Object> results, String name, double[] millis) {
        double[] sorted = millis.clone();
        Arrays.sort(sorted);
        results.put(name + "_p50", Cli.fmt(Cli.percentile(sorted, 0.50)));
        results.put(name + "_p99", Cli.fmt(Cli.percentile(sorted, 0.99)));
    }

    private static String id(int i) {
        return "q-" + i;
    }

    private static byte[] key(String kind, String name) {
        return (kind + (char) SEP + name).getBytes(StandardCharsets.UTF_8);
    }

    /** {@code i|index|newest-first time|id}: an index value's tasks, newest first. */
    private static byte[] indexKey(String index, long epochMillis, String id) {
        byte[] head = ("i" + (char) SEP + index).getBytes(StandardCharsets.UTF_8);
        byte[] tail = id.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(head.length + 1 + Long.BYTES + 1 + tail.length).put(head).put(SEP)
                .putLong(Long.MAX_VALUE - epochMillis).put(SEP).put(tail).array();
    }

    private static String idIn(byte[] indexKey) {
        int at = indexKey.length;
        while (indexKey[at - 1] != SEP) {
            at--;
        }
        return new String(indexKey, at, indexKey.length - at, StandardCharsets.UTF_8);
    }

    private static boolean startsWith(byte[] key, byte[] prefix) {
        return key.length > prefix.length && Arrays.equals(key, 0, prefix.length, prefix, 0, prefix.length);
    }

}
