package io.switchboard.gateway.notifications;

import io.switchboard.events.agent.AgentEvent;
import io.switchboard.events.task.Task;
import io.switchboard.events.task.TaskEvent;
import io.switchboard.events.task.TaskSlaViolation;
import io.switchboard.events.task.TaskSlaWarning;
import io.switchboard.events.serde.MessageCodec;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.time.Instant;

/**
 * An event as a Slack incoming-webhook message (api.slack.com/messaging/webhooks): {@code text} for notifications
 * and clients without blocks, and Block Kit blocks with the task, its priority, its SLA state and a link to the
 * dashboard.
 */
final class SlackMessage {

    private SlackMessage() {
    }

    static String of(String eventName, Object event, String dashboardUrl, Instant now) {
        String headline;
        String details;
        if (event instanceof TaskEvent taskEvent && taskEvent.task() != null) {
            Task task = taskEvent.task();
            headline = eventName + ": " + task.id() + " " + task.name();
            details = "Priority *" + task.priority() + "* · Status *" + task.status() + "* · SLA *"
                    + slaState(taskEvent, task, now) + "*" + (task.agent() == null ? "" : " · Agent " + task.agent());
        } else if (event instanceof AgentEvent agentEvent && agentEvent.agent() != null) {
            var agent = agentEvent.agent();
            headline = eventName + ": " + agent.id() + " " + agent.name();
            details = "Status *" + agent.status() + "* · Load " + agent.currentTasks().size() + "/"
                    + agent.maxConcurrentTasks();
        } else {
            headline = eventName;
            details = "";
        }
        ObjectNode message = MessageCodec.jsonMapper().createObjectNode();
        message.put("text", headline);
        ArrayNode blocks = message.putArray("blocks");
        ObjectNode section = blocks.addObject().put("type", "section");
        section.putObject("text").put("type", "mrkdwn").put("text", "*" + escape(headline) + "*");
        if (!details.isEmpty()) {
            ObjectNode context = blocks.addObject().put("type", "context");
            context.putArray("elements").addObject().put("type", "mrkdwn").put("text", escape(details));
        }
        ObjectNode actions = blocks.addObject().put("type", "actions");
        actions.putArray("elements").addObject().put("type", "button").put("url", dashboardUrl)
                .putObject("text").put("type", "plain_text").put("text", "Open the dashboard");
        return MessageCodec.jsonMapper().writeValueAsString(message);
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

    /** Slack's mrkdwn treats these three as control characters. */
    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
