package io.switchboard.gateway.a2a;

import io.a2a.spec.Message;
import io.a2a.spec.MessageSendParams;
import io.a2a.spec.Part;
import io.a2a.spec.Task;
import io.a2a.spec.TaskState;
import io.a2a.spec.TaskStatus;
import io.a2a.spec.TaskStatusUpdateEvent;
import io.a2a.spec.TextPart;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Switchboard's tasks in A2A's terms, both ways: a message that creates a task (its text names and describes it, its
 * metadata carries what the REST API needs) and a task as A2A sees it (states mapped, Switchboard's own fields kept
 * in the metadata). Pure: no HTTP, no Spring.
 */
final class A2aTasks {

    /** The label that keeps the A2A context a task was sent in, so that later answers carry it. */
    static final String CONTEXT_LABEL = "a2a-context";
    static final Set<String> PRIORITIES = Set.of("P0", "P1", "P2", "P3");
    private static final int MAX_NAME = 200;

    private A2aTasks() {
    }

    /** A message's request that cannot make a task: the field and what is wrong with it. */
    static final class Refused extends RuntimeException {
        Refused(String field, String problem) {
            super(field + ": " + problem);
        }
    }

    /**
     * The body of {@code POST /api/tasks} for a message. Its metadata (the message's, else the request's) must give
     * {@code capabilities} (the task's required capabilities, a list or a comma-separated string) and
     * {@code priority} (P0-P3); it may give {@code preferredCapabilities}, {@code labels}, {@code fairnessKey} and
     * {@code dueAt}.
     */
    static ObjectNode createBody(MessageSendParams params) {
        Message message = params.message();
        if (message == null) {
            throw new Refused("params.message", "required");
        }
        if (message.getTaskId() != null) {
            throw new Refused("params.message.taskId", "a message makes a new task; Switchboard's tasks take no"
                    + " further messages (follow one with tasks/get or tasks/resubscribe)");
        }
        String text = text(message.getParts());
        if (text.isBlank()) {
            throw new Refused("params.message.parts", "a text part must say what the task is");
        }
        Map<String, Object> metadata = message.getMetadata() != null && !message.getMetadata().isEmpty()
                ? message.getMetadata() : params.metadata() == null ? Map.of() : params.metadata();
        List<String> capabilities = strings(metadata.get("capabilities"), "metadata.capabilities");
        if (capabilities.isEmpty()) {
            throw new Refused("metadata.capabilities", "required: the capabilities an agent needs for the task");
        }
        Object priority = metadata.get("priority");
        if (!(priority instanceof String code) || !PRIORITIES.contains(code)) {
            throw new Refused("metadata.priority", "required: one of P0, P1, P2, P3");
        }
        ObjectNode body = JsonMapper.shared().createObjectNode();
        body.put("name", name(text));
        body.put("description", text.strip());
        body.put("priority", code);
        ArrayNode required = body.putArray("requiredCapabilities");
        capabilities.forEach(required::add);
        List<String> preferred = strings(metadata.get("preferredCapabilities"), "metadata.preferredCapabilities");
        if (!preferred.isEmpty()) {
            ArrayNode array = body.putArray("preferredCapabilities");
            preferred.forEach(array::add);
        }
        ObjectNode labels = body.putObject("labels");
        if (metadata.get("labels") instanceof Map<?, ?> given) {
            given.forEach((key, value) -> labels.put(String.valueOf(key), String.valueOf(value)));
        } else if (metadata.get("labels") != null) {
            throw new Refused("metadata.labels", "an object of strings");
        }
        if (message.getContextId() != null) {
            labels.put(CONTEXT_LABEL, message.getContextId());
        }
        copyString(metadata, "fairnessKey", body);
        copyString(metadata, "dueAt", body);
        return body;
    }

    /** A task of the REST API ({@code {"task": {...}}}'s inner object) as an A2A task. */
    static Task task(JsonNode task) {
        return new Task.Builder()
                .id(task.path("id").asString())
                .contextId(contextId(task))
                .status(status(task))
                .metadata(metadata(task))
                .build();
    }

    /** The task's state now, as a streamed update; final once the task is. */
    static TaskStatusUpdateEvent update(JsonNode task) {
        TaskStatus status = status(task);
        return new TaskStatusUpdateEvent.Builder()
                .taskId(task.path("id").asString())
                .contextId(contextId(task))
                .status(status)
                .isFinal(status.state().isFinal())
                .metadata(metadata(task))
                .build();
    }

    /**
     * Switchboard's status in A2A's states: PENDING and ASSIGNED are submitted (an agent has not started), the rest
     * map one to one.
     */
    static TaskState state(String status) {
        return switch (status) {
            case "PENDING", "ASSIGNED" -> TaskState.SUBMITTED;
            case "IN_PROGRESS" -> TaskState.WORKING;
            case "COMPLETED" -> TaskState.COMPLETED;
            case "FAILED" -> TaskState.FAILED;
            case "CANCELLED" -> TaskState.CANCELED;
            default -> TaskState.UNKNOWN;
        };
    }

    private static TaskStatus status(JsonNode task) {
        String status = task.path("status").asString();
        String agent = task.path("agent").isString() ? task.path("agent").asString() : null;
        String said = switch (status) {
            case "PENDING" -> "waiting for an agent";
            case "ASSIGNED" -> "assigned to " + agent;
            case "IN_PROGRESS" -> agent + " is working on it, " + task.path("progress").asInt() + "%";
            case "FAILED" -> "failed: " + task.path("failureReason").asString("no reason given");
            default -> status.toLowerCase().replace('_', ' ');
        };
        Message message = new Message.Builder().role(Message.Role.AGENT).messageId(task.path("id").asString()
                        + ":" + task.path("version").asLong()).taskId(task.path("id").asString())
                .contextId(contextId(task)).parts(List.<Part<?>>of(new TextPart(said))).build();
        return new TaskStatus(state(status), message, OffsetDateTime.ofInstant(updatedAt(task), ZoneOffset.UTC));
    }

    private static Instant updatedAt(JsonNode task) {
        String at = task.path("updatedAt").asString("");
        return at.isEmpty() ? Instant.now() : Instant.parse(at);
    }

    private static String contextId(JsonNode task) {
        String context = task.path("labels").path(CONTEXT_LABEL).asString("");
        return context.isEmpty() ? task.path("id").asString() : context;
    }

    /** Switchboard's own view of the task, for a client that wants more than A2A's states. */
    private static Map<String, Object> metadata(JsonNode task) {
        Map<String, Object> switchboard = new LinkedHashMap<>();
        switchboard.put("status", task.path("status").asString());
        switchboard.put("priority", task.path("priority").asString());
        switchboard.put("progress", task.path("progress").asInt());
        switchboard.put("version", task.path("version").asLong());
        if (task.path("agent").isString()) {
            switchboard.put("agent", task.path("agent").asString());
        }
        return Map.of("switchboard", switchboard);
    }

    private static String text(Collection<Part<?>> parts) {
        if (parts == null) {
            return "";
        }
        return parts.stream().filter(TextPart.class::isInstance).map(part -> ((TextPart) part).getText())
                .collect(Collectors.joining("\n"));
    }

    private static String name(String text) {
        String first = text.strip().lines().findFirst().orElse("").strip();
        return first.length() <= MAX_NAME ? first : first.substring(0, MAX_NAME - 1) + "…";
    }

    private static List<String> strings(Object value, String field) {
        if (value == null) {
            return List.of();
        }
        if (value instanceof String text) {
            return List.of(text.split(",")).stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
        }
        if (value instanceof Collection<?> items) {
            List<String> out = new ArrayList<>();
            for (Object item : items) {
                if (!(item instanceof String text) || text.isBlank()) {
                    throw new Refused(field, "a list of strings");
                }
                out.add(text);
            }
            return out;
        }
        throw new Refused(field, "a list of strings");
    }

    private static void copyString(Map<String, Object> metadata, String key, ObjectNode body) {
        Object value = metadata.get(key);
        if (value == null) {
            return;
        }
        if (!(value instanceof String text)) {
            throw new Refused("metadata." + key, "a string");
        }
        body.put(key, text);
    }
}
