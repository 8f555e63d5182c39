package io.switchboard.sla.clock;

import io.switchboard.events.sla.SlaClock;
import io.switchboard.events.task.Task;
import io.switchboard.events.task.TaskStatus;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** What the SLA API shows: open tasks at risk or in violation, and compliance over a window. Pure. */
public final class SlaStanding {

    private SlaStanding() {
    }

    /** An open task past its warning time or its deadline. */
    public record Entry(String taskId, String name, String priority, TaskStatus status, String agent,
                        Instant deadline, Duration remaining, boolean violated) {
    }

    public static List<Entry> atRiskOrViolated(Collection<SlaClock> clocks, Instant now) {
        List<Entry> entries = new ArrayList<>();
        for (SlaClock clock : clocks) {
            if (clock.stopped() || clock.deadline() == null || clock.warnAt() == null || now.isBefore(clock.warnAt())) {
                continue;
            }
            Task task = clock.task();
            entries.add(new Entry(task.id(), task.name(), task.priority().name(), task.status(), task.agent(),
                    clock.deadline(), Duration.between(now, clock.deadline()), !now.isBefore(clock.deadline())));
        }
        entries.sort(Comparator.comparing(Entry::deadline).thenComparing(Entry::taskId));
        return entries;
    }

    /**
     * Compliance per priority and per agent over {@code window}: tasks that ended in it, met when they ended by
     * their deadline, plus open tasks whose deadline passed in it (missed).
     */
    public static Map<String, Object> report(Collection<SlaClock> clocks, Instant now, Duration window) {
        Instant since = now.minus(window);
        Map<String, int[]> byPriority = new TreeMap<>();
        Map<String, int[]> byAgent = new TreeMap<>();
        for (SlaClock clock : clocks) {
            if (clock.deadline() == null) {
                continue;
            }
            Task task = clock.task();
            Instant ended = ended(task);
            Boolean met = null;
            if (ended != null && !ended.isBefore(since) && !ended.isAfter(now)) {
                met = !ended.isAfter(clock.deadline());
            } else if (ended == null && clock.deadline().isAfter(since) && !now.isBefore(clock.deadline())) {
                met = false;
            }
            if (met == null) {
                continue;
            }
            count(byPriority, task.priority().name(), met);
            if (task.agent() != null) {
                count(byAgent, task.agent(), met);
            }
        }
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("since", since);
        report.put("until", now);
        report.put("byPriority", lines(byPriority));
        report.put("byAgent", lines(byAgent));
        return report;
    }

    private static Instant ended(Task task) {
        if (task.status() == TaskStatus.COMPLETED) {
            return task.completedAt();
        }
        if (task.status() == TaskStatus.FAILED) {
            return task.failedAt();
        }
        return task.status() == TaskStatus.CANCELLED ? task.cancelledAt() : null;
    }

    private static void count(Map<String, int[]> counts, String key, boolean met) {
        int[] line = counts.computeIfAbsent(key, k -> new int[2]);
        line[met ? 0 : 1]++;
    }

    private static Map<String, Object> lines(Map<String, int[]> counts) {
        Map<String, Object> lines = new LinkedHashMap<>();
        counts.forEach((key, line) -> {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("met", line[0]);
            entry.put("missed", line[1]);
            entry.put("compliance", (double) line[0] / (line[0] + line[1]));
            lines.put(key, entry);
        });
        return lines;
    }
}
