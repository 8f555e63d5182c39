package io.switchboard.task.store;

import io.switchboard.events.task.Priority;
import io.switchboard.events.task.Task;
import io.switchboard.events.task.TaskState;
import io.switchboard.events.task.TaskStatus;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * A filtered, paged view of the tasks, oldest first (creation time, then id), with an opaque cursor that
 * points after the last task of a page. Filters combine with AND; a capability matches case-insensitively.
 */
public record TaskQuery(TaskStatus status, Priority priority, String agent, String capability,
                        Map<String, String> labels, int limit, String cursor) {

    public static final Comparator<Task> ORDER =
            Comparator.comparing(Task::createdAt, Comparator.nullsFirst(Comparator.naturalOrder()))
                    .thenComparing(Task::id);

    /** One page: the tasks, how many match in all, and the cursor of the next page (null on the last). */
    public record Page(List<Task> tasks, int total, String nextCursor) {
    }

    public Page run(Collection<TaskState> states) {
        Predicate<Task> after = afterCursor();
        List<Task> matching = states.stream().map(TaskState::task).filter(this::matches).sorted(ORDER).toList();
        List<Task> rest = matching.stream().filter(after).toList();
        List<Task> page = rest.stream().limit(limit).toList();
        String next = rest.size() > page.size() ? cursorOf(page.get(page.size() - 1)) : null;
        return new Page(page, matching.size(), next);
    }

    private boolean matches(Task task) {
        return (status == null || task.status() == status)
                && (priority == null || task.priority() == priority)
                && (agent == null || agent.equals(task.agent()))
                && (capability == null || task.requiredCapabilities().stream().anyMatch(capability::equalsIgnoreCase)
                || task.preferredCapabilities().stream().anyMatch(capability::equalsIgnoreCase))
                && labels.entrySet().stream().allMatch(l -> l.getValue().equals(task.labels().get(l.getKey())));
    }

    private Predicate<Task> afterCursor() {
        if (cursor == null) {
            return task -> true;
        }
        Task last = decode(cursor);
        return task -> ORDER.compare(task, last) > 0;
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
