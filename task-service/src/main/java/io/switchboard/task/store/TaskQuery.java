package io.switchboard.task.store;

import io.switchboard.events.task.Priority;
import io.switchboard.events.task.Task;
import io.switchboard.events.task.TaskState;
import io.switchboard.events.task.TaskStatus;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A filtered, paged view of the tasks, oldest first (creation time, then id) or newest first, with an opaque cursor
 * that points after the last task of a page. Filters combine with AND; a capability matches case-insensitively, and
 * so do the words of a search, each of which must appear in the task's id, name, description, agent, status,
 * priority, capabilities or labels ({@code key:value}).
 */
public record TaskQuery(Set<TaskStatus> statuses, Priority priority, String agent, Boolean assigned,
                        String capability, Map<String, String> labels, List<String> words, boolean newestFirst,
                        int limit, String cursor) {

    /** Oldest first: creation time (none first), then id. Written out: it runs once per task and request. */
    public static final Comparator<Task> ORDER = TaskQuery::oldestFirst;

    public TaskQuery {
        statuses = statuses == null ? Set.of() : Set.copyOf(statuses);
        labels = labels == null ? Map.of() : Map.copyOf(labels);
        words = words == null ? List.of() : words.stream().map(word -> word.toLowerCase(Locale.ROOT)).toList();
    }

    /** Every task in one status, or of one priority (null: any), oldest first, in one page. */
    public static TaskQuery every(TaskStatus status, Priority priority) {
        return new TaskQuery(status == null ? Set.of() : Set.of(status), priority, null, null, null, Map.of(),
                List.of(), false, Integer.MAX_VALUE, null);
    }

    /** One page: the tasks, how many match in all, and the cursor of the next page (null on the last). */
    public record Page(List<Task> tasks, int total, String nextCursor) {
    }

    /** How many tasks there are in all, per status (every status listed) and per priority (every priority). */
    public record Counts(int total, int open, Map<TaskStatus, Integer> byStatus, Map<Priority, Integer> byPriority) {
    }

    /** Counts as they are added up, task by task. */
    public static final class Tally {
        private final int[] statuses = new int[TaskStatus.values().length];
        private final int[] priorities = new int[Priority.values().length];
        private int total;

        void add(Task task) {
            statuses[task.status().ordinal()]++;
            priorities[task.priority().ordinal()]++;
            total++;
        }

        public Counts counts() {
            Map<TaskStatus, Integer> byStatus = new EnumMap<>(TaskStatus.class);
            int open = 0;
            for (TaskStatus status : TaskStatus.values()) {
                byStatus.put(status, statuses[status.ordinal()]);
                open += status.isFinal() ? 0 : statuses[status.ordinal()];
            }
            Map<Priority, Integer> byPriority = new EnumMap<>(Priority.class);
            for (Priority priority : Priority.values()) {
                byPriority.put(priority, priorities[priority.ordinal()]);
            }
            return new Counts(total, open, byStatus, byPriority);
        }
    }

    public Page run(Collection<TaskState> states) {
        return run(states, null);
    }

    /**
     * One pass over the tasks: the page is the first {@code limit} matching tasks after the cursor, kept in a heap of
     * that size, so a page of 100 out of a million costs a scan, not a sort of the million. Every task is added to
     * {@code tally} on the way, when there is one: counts in the same pass, for the price of one walk of memory.
     */
    public Page run(Collection<TaskState> states, Tally tally) {
        Comparator<Task> order = newestFirst ? (a, b) -> oldestFirst(b, a) : ORDER;
        Task last = cursor == null ? null : decode(cursor);
        PriorityQueue<Task> kept = new PriorityQueue<>(order.reversed());
        int total = 0;
        int afterCursor = 0;
        for (TaskState state : states) {
            Task task = state.task();
            if (tally != null) {
                tally.add(task);
            }
            if (!matches(task)) {
                continue;
            }
            total++;
            if (last != null && order.compare(task, last) <= 0) {
                continue;
            }
            afterCursor++;
            if (kept.size() < limit) {
                kept.add(task);
            } else if (order.compare(task, kept.peek()) < 0) {
                kept.poll();
                kept.add(task);
            }
        }
        List<Task> page = new ArrayList<>(kept);
        page.sort(order);
        String next = afterCursor > page.size() ? cursorOf(page.get(page.size() - 1)) : null;
        return new Page(page, total, next);
    }

    private static int oldestFirst(Task a, Task b) {
        Instant x = a.createdAt();
        Instant y = b.createdAt();
        int byTime = x == y ? 0 : x == null ? -1 : y == null ? 1 : x.compareTo(y);
        return byTime != 0 ? byTime : a.id().compareTo(b.id());
    }

    private boolean matches(Task task) {
        return (statuses.isEmpty() || statuses.contains(task.status()))
                && (priority == null || task.priority() == priority)
                && (agent == null || agent.equals(task.agent()))
                && (assigned == null || assigned == (task.agent() != null))
                && (capability == null || task.requiredCapabilities().stream().anyMatch(capability::equalsIgnoreCase)
                || task.preferredCapabilities().stream().anyMatch(capability::equalsIgnoreCase))
                && labels.entrySet().stream().allMatch(l -> l.getValue().equals(task.labels().get(l.getKey())))
                && (words.isEmpty() || containsEveryWord(task));
    }

    private boolean containsEveryWord(Task task) {
        List<String> parts = new ArrayList<>(List.of(task.id(), task.name(), task.status().name(),
                task.priority().name()));
        Stream.of(task.description(), task.agent()).filter(Objects::nonNull).forEach(parts::add);
        parts.addAll(task.requiredCapabilities());
        parts.addAll(task.preferredCapabilities());
        task.labels().forEach((key, value) -> parts.add(key + ":" + value));
        String haystack = String.join(" ", parts).toLowerCase(Locale.ROOT);
        return words.stream().allMatch(haystack::contains);
    }

    static String cursorOf(Task task) {
        String raw = (task.createdAt() == null ? "" : task.createdAt().toString()) + "|" + task.id();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    /** Checks a cursor given by a client; throws IllegalArgumentException when it is not one of ours. */
    public static Task decode(String cursor) {
        String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        int bar = raw.indexOf('|');
        if (bar < 0 || bar == raw.length() - 1) {
            throw new IllegalArgumentException("not a cursor");
        }
        Instant created = bar == 0 ? null : Instant.parse(raw.substring(0, bar));
        return new Task(raw.substring(bar + 1), "cursor", null, Priority.P3, TaskStatus.PENDING, null, 0, null,
                null, null, null, null, null, null, null, 0, null, null, null, created, null, null, null, null, null, null, 0);
    }
}
