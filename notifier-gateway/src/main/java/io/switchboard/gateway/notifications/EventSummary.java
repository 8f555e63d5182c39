package io.switchboard.gateway.notifications;

import io.switchboard.events.agent.AgentEvent;
import io.switchboard.events.task.Task;
import io.switchboard.events.task.TaskEvent;
import io.switchboard.events.task.TaskSlaViolation;
import io.switchboard.events.task.TaskSlaWarning;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * An event as people read it, for Slack and email: a headline (the event, the task or agent) and its facts (the
 * task's priority, status, SLA state and agent; an agent's status and load).
 */
record EventSummary(String headline, List<Fact> facts) {

    record Fact(String label, String value) {
    }

    static EventSummary of(String eventName, Object event, Instant now) {
        List<Fact> facts = new ArrayList<>();
        if (event instanceof TaskEvent taskEvent && taskEvent.task() != null) {
            Task task = taskEvent.task();
            facts.add(new Fact("Priority", String.valueOf(task.priority())));
            facts.add(new Fact("Status", String.valueOf(task.status())));
            facts.add(new Fact("SLA", slaState(taskEvent, task, now)));
            if (task.agent() != null) {
                facts.add(new Fact("Agent", task.agent()));
            }
            return new EventSummary(eventName + ": " + task.id() + " " + task.name(), facts);
        }
        if (event instanceof AgentEvent agentEvent && agentEvent.agent() != null) {
            var agent = agentEvent.agent();
            facts.add(new Fact("Status", String.valueOf(agent.status())));
            facts.add(new Fact("Load", agent.currentTasks().size() + "/" + agent.maxConcurrentTasks()));
            return new EventSummary(eventName + ": " + agent.id() + " " + agent.name(), facts);
        }
        return new EventSummary(eventName, facts);
    }

    private static String slaState(TaskEvent event, Task task, Instant now) {
        if (event instanceof TaskSlaViolation) {
            return "violated";
        }
        if (event instanceof TaskSlaWarning warning) {
            return "at risk, due " + warning.deadline();
        }
        if (task.dueAt() == null) {
            return "no deadline";
        }
        return task.status().isOpen() && now.isAfter(task.dueAt()) ? "overdue" : "due " + task.dueAt();
    }
}
