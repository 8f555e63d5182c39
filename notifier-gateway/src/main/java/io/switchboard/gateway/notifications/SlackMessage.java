package io.switchboard.gateway.notifications;

import io.switchboard.events.serde.MessageCodec;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.stream.Collectors;

/**
 * An event as a Slack incoming-webhook message (api.slack.com/messaging/webhooks): {@code text} for notifications
 * and clients without blocks, and Block Kit blocks with the task, its priority, its SLA state and a link to the
 * dashboard.
 */
final class SlackMessage {

    private SlackMessage() {
    }

    static String of(EventSummary summary, String dashboardUrl) {
        ObjectNode message = MessageCodec.jsonMapper().createObjectNode();
        message.put("text", summary.headline());
        ArrayNode blocks = message.putArray("blocks");
        ObjectNode section = blocks.addObject().put("type", "section");
        section.putObject("text").put("type", "mrkdwn").put("text", "*" + escape(summary.headline()) + "*");
        if (!summary.facts().isEmpty()) {
            String facts = summary.facts().stream().map(fact -> fact.label() + " *" + fact.value() + "*")
                    .collect(Collectors.joining(" · "));
            ObjectNode context = blocks.addObject().put("type", "context");
            context.putArray("elements").addObject().put("type", "mrkdwn").put("text", escape(facts));
        }
        ObjectNode actions = blocks.addObject().put("type", "actions");
        actions.putArray("elements").addObject().put("type", "button").put("url", dashboardUrl)
                .putObject("text").put("type", "plain_text").put("text", "Open the dashboard");
        return MessageCodec.jsonMapper().writeValueAsString(message);
    }

    /** Slack's mrkdwn treats these three as control characters. */
    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
