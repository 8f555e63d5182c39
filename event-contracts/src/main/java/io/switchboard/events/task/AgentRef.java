package io.switchboard.events.task;

/** The agent a task went to, as named in {@code task.assigned} ({@code {task, agent}} in the seed). */
public record AgentRef(String id, String name) {
}
