package io.switchboard.demo;

import tools.jackson.databind.node.ObjectNode;

/**
 * One call the loader will make: what it loads, where it sends it and the JSON body.
 *
 * @param kind what the call loads, which also tells which base URL it goes to
 * @param id   the agent's or task's id, for messages
 * @param path the API path, e.g. {@code /api/tasks/import}
 * @param body the JSON body
 */
public record PlannedRequest(Kind kind, String id, String path, ObjectNode body) {

    /** What a request loads. */
    public enum Kind {
        /** {@code POST /api/agents} on the agent registry. */
        AGENT,
        /** {@code POST /api/tasks} on the task service: a new, PENDING task. */
        TASK_CREATE,
        /** {@code POST /api/tasks/import} on the task service: a task in a later state. */
        TASK_IMPORT;

        public boolean isTask() {
            return this != AGENT;
        }
    }
}
