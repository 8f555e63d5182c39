package io.switchboard.demo;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns the demo file into the list of API calls that load it, without any HTTP.
 *
 * <p>Agents come first (when the agent registry is given), then tasks in file order.
 * A task whose status is PENDING is created with {@code POST /api/tasks}; a task in any
 * later state is migrated with {@code POST /api/tasks/import}, which carries its status,
 * agent and progress.
 */
public final class DemoPlanner {

    public static final String AGENTS_PATH = "/api/agents";
    public static final String TASKS_PATH = "/api/tasks";
    public static final String IMPORT_PATH = "/api/tasks/import";

    static final Set<String> STATUSES =
            Set.of("PENDING", "ASSIGNED", "IN_PROGRESS", "COMPLETED", "FAILED", "CANCELLED");
    static final Set<String> ASSIGNMENT_MODES = Set.of("AUTO", "MANUAL");
    /** Optional instants an import may carry, copied only when the file has them. */
    static final List<String> TIMESTAMPS =
            List.of("createdAt", "assignedAt", "startedAt", "completedAt", "failedAt");

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private DemoPlanner() {
    }

    /**
     * Plans the calls for a demo file.
     *
     * @param demo       the parsed demo file ({@code {"agents":[...],"tasks":[...]}})
     * @param withAgents whether to register the agents (only when an agent registry URL is given)
     * @throws IllegalArgumentException when the file is not a valid demo file
     */
    public static List<PlannedRequest> plan(JsonNode demo, boolean withAgents) {
        if (demo == null || !demo.isObject()) {
            throw new IllegalArgumentException("the demo file must hold a JSON object");
        }
        List<PlannedRequest> plan = new ArrayList<>();
        if (withAgents) {
            Set<String> seen = new HashSet<>();
            for (JsonNode agent : array(demo, "agents")) {
                PlannedRequest request = planAgent(agent);
                requireUnique(seen, request.id(), "agent");
                plan.add(request);
            }
        }
        Set<String> seen = new HashSet<>();
        for (JsonNode task : array(demo, "tasks")) {
            PlannedRequest request = planTask(task);
            requireUnique(seen, request.id(), "task");
            plan.add(request);
        }
        return plan;
    }

    /** {@code POST /api/agents} with id, name, capabilities, maxConcurrentTasks, reliability and heartbeat interval. */
    static PlannedRequest planAgent(JsonNode agent) {
        String id = requiredText(agent, "id", "agent");
        ObjectNode body = NODES.objectNode();
        body.put("id", id);
        body.put("name", requiredText(agent, "name", "agent " + id));
        body.set("capabilities", stringArray(agent, "capabilities", "agent " + id));
        if (agent.hasNonNull("maxConcurrentTasks")) {
            body.set("maxConcurrentTasks", agent.get("maxConcurrentTasks"));
        }
        if (agent.hasNonNull("reliability")) {
            body.set("reliability", agent.get("reliability"));
        }
        // Demo agents are entries in a file, not processes that beat: 0 tells the registry not to expect heartbeats
        // (else they would all go OFFLINE after a few missed intervals).
        body.put("heartbeatIntervalMs", agent.hasNonNull("heartbeatIntervalMs")
                ? agent.get("heartbeatIntervalMs").asInt() : 0);
        return new PlannedRequest(PlannedRequest.Kind.AGENT, id, AGENTS_PATH, body);
    }

    /** A PENDING task is created; any other is imported with its current state. */
    static PlannedRequest planTask(JsonNode task) {
        String id = requiredText(task, "id", "task");
        String what = "task " + id;
        String status = optionalText(task, "status", "PENDING");
        if (!STATUSES.contains(status)) {
            throw new IllegalArgumentException(what + ": unknown status '" + status + "', expected one of " + STATUSES);
        }

        ObjectNode body = NODES.objectNode();
        body.put("id", id);
        body.put("name", requiredText(task, "name", what));
        body.set("description", task.hasNonNull("description") ? task.get("description") : NODES.nullNode());
        body.put("priority", requiredText(task, "priority", what));
        body.set("eta", task.hasNonNull("eta") ? task.get("eta") : NODES.nullNode());
        body.set("requiredCapabilities", stringArray(task, "requiredCapabilities", what));
        body.set("preferredCapabilities", stringArray(task, "preferredCapabilities", what));
        String mode = optionalText(task, "assignmentMode", "AUTO");
        if (!ASSIGNMENT_MODES.contains(mode)) {
            throw new IllegalArgumentException(what + ": unknown assignmentMode '" + mode + "'");
        }
        body.put("assignmentMode", mode);
        JsonNode labels = task.get("labels");
        if (labels != null && !labels.isNull() && !labels.isObject()) {
            throw new IllegalArgumentException(what + ": labels must be an object");
        }
        body.set("labels", labels == null || labels.isNull() ? NODES.objectNode() : labels.deepCopy());

        if ("PENDING".equals(status)) {
            return new PlannedRequest(PlannedRequest.Kind.TASK_CREATE, id, TASKS_PATH, body);
        }

        body.put("status", status);
        body.set("agent", task.hasNonNull("agent") ? task.get("agent") : NODES.nullNode());
        body.put("progress", task.hasNonNull("progress") ? task.get("progress").asInt() : 0);
        for (String field : TIMESTAMPS) {
            if (task.hasNonNull(field)) {
                body.set(field, task.get(field));
            }
        }
        if (task.hasNonNull("failureReason")) {
            body.set("failureReason", task.get("failureReason"));
        }
        return new PlannedRequest(PlannedRequest.Kind.TASK_IMPORT, id, IMPORT_PATH, body);
    }

    private static Iterable<JsonNode> array(JsonNode demo, String field) {
        JsonNode node = demo.get(field);
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw new IllegalArgumentException("'" + field + "' must be an array");
        }
        return node;
    }

    private static String requiredText(JsonNode node, String field, String what) {
        JsonNode value = node.get(field);
        if (value == null || !value.isString() || value.stringValue().isBlank()) {
            throw new IllegalArgumentException(what + ": '" + field + "' is missing or not a string");
        }
        return value.stringValue();
    }

    private static String optionalText(JsonNode node, String field, String fallback) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? fallback : value.asString();
    }

    private static ArrayNode stringArray(JsonNode node, String field, String what) {
        JsonNode value = node.get(field);
        ArrayNode copy = NODES.arrayNode();
        if (value == null || value.isNull()) {
            return copy;
        }
        if (!value.isArray()) {
            throw new IllegalArgumentException(what + ": '" + field + "' must be an array of strings");
        }
        for (JsonNode item : value) {
            if (!item.isString()) {
                throw new IllegalArgumentException(what + ": '" + field + "' must be an array of strings");
            }
            copy.add(item.stringValue());
        }
        return copy;
    }

    private static void requireUnique(Set<String> seen, String id, String what) {
        if (!seen.add(id)) {
            throw new IllegalArgumentException("the demo file has two " + what + "s with id " + id);
        }
    }
}
