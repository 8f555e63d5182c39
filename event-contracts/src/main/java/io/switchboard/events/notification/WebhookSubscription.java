package io.switchboard.events.notification;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A subscription to Switchboard's events, delivered by POST to a webhook, as kept on the compacted
 * {@code notification.subscriptions} topic (keyed by {@code id}). Every filter given must hold; none given: every
 * event.
 *
 * @param id         the subscription's id
 * @param name       what it is for
 * @param channel    {@code webhook} (a signed CloudEvent), {@code slack} (a Slack incoming-webhook message) or
 *                   {@code email} (a message, a digest when many come at once)
 * @param url        where the events are sent: http or https, or {@code mailto:} addresses for email
 * @param secret     the signing secret ({@code whsec_} and base64), shown once to whoever created the subscription
 * @param events     event names ({@code task:created}, {@code task:sla-violation}, ...); empty for all
 * @param priority   only tasks of this priority (P0 to P3)
 * @param capability only tasks that require or prefer this capability
 * @param label      only tasks with this label, {@code key=value}
 * @param agent      only events of this agent, or of tasks it holds
 * @param createdBy  who created it
 * @param createdAt  when; events from then on are delivered
 * @param deletedAt  when it was deleted; null while it is active
 */
public record WebhookSubscription(String id, String name, String channel, String url, String secret,
                                  List<String> events, String priority, String capability, String label, String agent,
                                  String createdBy, Instant createdAt, Instant deletedAt) {

    public static final String WEBHOOK = "webhook";
    public static final String SLACK = "slack";
    public static final String EMAIL = "email";

    public WebhookSubscription {
        Objects.requireNonNull(id, "id");
        events = events == null ? List.of() : List.copyOf(events);
        channel = channel == null ? WEBHOOK : channel;
    }

    public boolean active() {
        return deletedAt == null;
    }

    public WebhookSubscription deleted(Instant at) {
        return new WebhookSubscription(id, name, channel, url, secret, events, priority, capability, label, agent, createdBy,
                createdAt, at);
    }
}
