package io.switchboard.system;

import io.switchboard.events.MessageType;
import io.switchboard.events.Topics;
import io.switchboard.events.serde.MessageDeserializer;
import io.switchboard.events.task.Task;
import io.switchboard.events.task.TaskEvent;
import io.switchboard.events.task.TaskSlaViolation;
import io.switchboard.events.task.TaskState;
import io.switchboard.events.task.TaskStatus;
import io.switchboard.testing.kafka.TopicReader;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * What the Kafka log says happened, read back after a run: the latest state of every task, every public task event
 * in each task's order, and what follows from them alone.
 */
final class KafkaLog {

    static final Set<TaskStatus> FINAL = EnumSet.of(TaskStatus.COMPLETED, TaskStatus.FAILED, TaskStatus.CANCELLED);
    private static final Set<TaskStatus> HELD = EnumSet.of(TaskStatus.ASSIGNED, TaskStatus.IN_PROGRESS);

    private final Map<String, TaskState> states = new HashMap<>();
    private final Map<String, List<TaskEvent>> events = new HashMap<>();
    private final Map<String, Integer> violations = new HashMap<>();

    static KafkaLog read(String bootstrapServers, String taskPrefix) {
        KafkaLog log = new KafkaLog();
        Topics topics = new Topics("");
        try (TopicReader<Object> reader = TopicReader.of(bootstrapServers, topics.of(MessageType.TASK_STATE),
                new MessageDeserializer())) {
            for (ConsumerRecord<String, Object> record : reader.pollToEnd()) {
                if (record.key().startsWith(taskPrefix) && record.value() instanceof TaskState state) {
                    log.states.put(record.key(), state);
                }
            }
        }
        for (MessageType type : MessageType.values()) {
            if (type.eventName().isEmpty() || !TaskEvent.class.isAssignableFrom(type.payloadClass())) {
                continue;
            }
            try (TopicReader<Object> reader = TopicReader.of(bootstrapServers, topics.of(type),
                    new MessageDeserializer())) {
                for (ConsumerRecord<String, Object> record : reader.pollToEnd()) {
                    if (record.value() instanceof TaskEvent event && event.taskId().startsWith(taskPrefix)) {
                        log.events.computeIfAbsent(event.taskId(), id -> new ArrayList<>()).add(event);
                        if (event instanceof TaskSlaViolation) {
                            log.violations.merge(event.taskId(), 1, Integer::sum);
                        }
                    }
                }
            }
        }
        log.events.values().forEach(list -> list.sort(Comparator.comparingLong(TaskEvent::version)));
        return log;
    }

    Map<String, TaskState> states() {
        return states;
    }

    Map<String, Integer> violations() {
        return violations;
    }

    List<String> notFinal() {
        return states.values().stream().map(TaskState::task).filter(task -> !FINAL.contains(task.status()))
                .map(task -> task.id() + " " + task.status()).sorted().toList();
    }

    /** Tasks whose holder changed from one agent straight to another, without the first letting go. */
    List<String> heldByTwo() {
        List<String> found = new ArrayList<>();
        holderChanges(change -> {
            if (change.from() != null && change.to() != null) {
                found.add(change.taskId() + ": " + change.from() + " then " + change.to() + " at version "
                        + change.event().version());
            }
        });
        return found;
    }

    /** Agents that held more tasks at once than their limit, by the times the task events say. */
    List<String> overLimit(Map<String, Integer> limits) {
        Map<String, TreeMap<Instant, Integer>> changes = new HashMap<>();
        holderChanges(change -> {
            if (change.from() != null) {
                changes.computeIfAbsent(change.from(), a -> new TreeMap<>()).merge(change.event().time(), -1,
                        Integer::sum);
            }
            if (change.to() != null) {
                changes.computeIfAbsent(change.to(), a -> new TreeMap<>()).merge(change.event().time(), 1,
                        Integer::sum);
            }
        });
        List<String> found = new ArrayList<>();
        changes.forEach((agent, deltas) -> {
            int held = 0;
            for (Map.Entry<Instant, Integer> change : deltas.entrySet()) {
                held += change.getValue();
                Integer limit = limits.get(agent);
                if (limit != null && held > limit) {
                    found.add(agent + " held " + held + " > " + limit + " at " + change.getKey());
                }
            }
        });
        return found;
    }

    /** A task's holder changing with an event: from an agent (or none) to another (or none). */
    private record HolderChange(String taskId, String from, String to, TaskEvent event) {
    }

    private void holderChanges(Consumer<HolderChange> visitor) {
        events.forEach((taskId, list) -> {
            String holder = null;
            for (TaskEvent event : list) {
                String now = holder(event.task());
                if (!Objects.equals(holder, now)) {
                    visitor.accept(new HolderChange(taskId, holder, now, event));
                }
                holder = now;
            }
        });
    }

    private static String holder(Task task) {
        return HELD.contains(task.status()) ? task.agent() : null;
    }
}
