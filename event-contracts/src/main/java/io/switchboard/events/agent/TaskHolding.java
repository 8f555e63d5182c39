package io.switchboard.events.agent;

/**
 * The value of the compacted {@code agent.task-holdings} topic, keyed by task id: which agent holds the task now
 * (null when none), from the task's latest lifecycle event the registry has seen. It turns task events into agent
 * load exactly once: an event whose version is not newer than the holding's changes nothing.
 */
public record TaskHolding(String taskId, String agent, long version) {
}
