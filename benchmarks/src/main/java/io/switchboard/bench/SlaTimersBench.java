package io.switchboard.bench;

import io.switchboard.aggregate.DueTimers;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.List;
import java.util.Random;

/**
 * Schedules a million SLA timers in the structure sla-monitor-service keeps them in ({@link DueTimers}, a heap keyed
 * by due time), measures the heap they take, then fires them as the monitor's tick does and reports how late they
 * fired. Not a JMH benchmark: the question is memory and lateness, not throughput. The task ids and the due times
 * exist before the first heap reading (in the service the ids are the tasks'), so the reading is the timers' own.
 * Usage: {@code bench/sla-timers.sh [timers=1000000] [spread-seconds=20] [tick-ms=200]}.
 */
public final class SlaTimersBench {

    private SlaTimersBench() {
    }

    public static void main(String[] args) throws InterruptedException {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        long spreadMillis = (args.length > 1 ? Long.parseLong(args[1]) : 20) * 1000;
        long tickMillis = args.length > 2 ? Long.parseLong(args[2]) : 200;
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();

        String[] ids = new String[count];
        long[] due = new long[count];
        long start = System.currentTimeMillis() + 5_000;
        Random random = new Random(20260112);
        for (int i = 0; i < count; i++) {
            ids[i] = "task-" + i;
            due[i] = start + (long) (random.nextDouble() * spreadMillis);
        }
        long before = heapAfterGc(memory);
        DueTimers timers = new DueTimers();
        long scheduling = System.nanoTime();
        for (int i = 0; i < count; i++) {
            timers.schedule(ids[i], due[i]);
        }
        double scheduleSeconds = (System.nanoTime() - scheduling) / 1e9;
        long after = heapAfterGc(memory);
        System.out.printf("scheduled %,d timers in %.2f s (%,.0f a second); heap they take: %.1f MB (%.0f bytes each);"
                + " heap in use in all: %.1f MB%n", timers.pending(), scheduleSeconds, count / scheduleSeconds,
                (after - before) / 1048576.0, (double) (after - before) / count, after / 1048576.0);

        long maxLate = 0;
        long lastLate = 0;
        long lateSum = 0;
        int fired = 0;
        while (fired < count) {
            long now = System.currentTimeMillis();
            List<String> ready = timers.pollDue(now, id -> true);
            for (String id : ready) {
                long late = now - due[Integer.parseInt(id.substring(5))];
                lateSum += late;
                maxLate = Math.max(maxLate, late);
                lastLate = late;
            }
            fired += ready.size();
            Thread.sleep(tickMillis);
        }
        System.out.printf("fired %,d timers at a %d ms tick: %.0f ms late on average, %d ms at most, the last one %d ms"
                + "%n", fired, tickMillis, (double) lateSum / fired, maxLate, lastLate);
    }

    private static long heapAfterGc(MemoryMXBean memory) throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200);
        }
        return memory.getHeapMemoryUsage().getUsed();
    }
}
