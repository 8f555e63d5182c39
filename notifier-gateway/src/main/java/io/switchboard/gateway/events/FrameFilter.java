package io.switchboard.gateway.events;

import io.switchboard.events.agent.AgentEvent;
import io.switchboard.events.task.TaskAssigned;
import io.switchboard.events.task.TaskEvent;

import java.util.Set;

/**
 * What a client subscribed to: some event names (all when empty), one task, one agent (its own events and the tasks
 * assigned to it), one priority. Every condition given must hold.
 */
public record FrameFilter(Set<String> events, String taskId, String agentId, String priority) {

    public static final FrameFilter ALL = new FrameFilter(Set.of(), null, null, null);

    public boolean accepts(Frame frame) {
        if (!events.isEmpty() && !events.contains(frame.event())) {
            return false;
        }
        Object data = frame.data();
        if (taskId != null && !(data instanceof TaskEvent task && taskId.equals(task.taskId()))) {
            return false;
        }
        if (agentId != null && !agent(data)) {
            return false;
        }
        return priority == null
                || data instanceof TaskEvent task && task.task() != null && priority.equals(task.task().priority().name());
    }

    private boolean agent(Object data) {
        if (data instanceof AgentEvent agent) {
            return agentId.equals(agent.agentId());
        }
        if (data instanceof TaskAssigned assigned) {
            return assigned.agent() != null && agentId.equals(assigned.agent().id());
        }
        return data instanceof TaskEvent task && task.task() != null && agentId.equals(task.task().agent());
    }
}
