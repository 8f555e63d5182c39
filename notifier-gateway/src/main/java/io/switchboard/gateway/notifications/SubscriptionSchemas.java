package io.switchboard.gateway.notifications;

import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;

import java.time.Instant;
import java.util.List;

/** Documentation only: the bodies of {@code /api/notifications/**} as {@link NotificationsController} has them. */
final class SubscriptionSchemas {

    private SubscriptionSchemas() {
    }

    @Schema(name = "NewWebhookSubscription", description = "A webhook subscription: where to POST which events.")
    record NewSubscription(
            @Schema(description = "What it is for (1-100 characters).", requiredMode = Schema.RequiredMode.REQUIRED,
                    example = "On-call") String name,
            @Schema(description = "webhook (a signed CloudEvent, the default), slack (a Slack incoming-webhook "
                    + "message) or email (a message, a digest when several come together).",
                    allowableValues = {"webhook", "slack", "email"}) String channel,
            @Schema(description = "The receiver: an absolute http or https URL; for email, mailto: and the "
                    + "addresses, comma-separated.",
                    requiredMode = Schema.RequiredMode.REQUIRED, example = "https://hooks.example.com/switchboard")
            String url,
            @ArraySchema(arraySchema = @Schema(description = "Event names (task:created, task:sla-violation, ...);"
                    + " none for every event."), schema = @Schema(example = "task:sla-violation")) List<String> events,
            @Schema(description = "Only tasks of this priority.", allowableValues = {"P0", "P1", "P2", "P3"})
            String priority,
            @Schema(description = "Only tasks that require or prefer this capability.", example = "testing")
            String capability,
            @Schema(description = "Only tasks with this label, key=value.", example = "team=payments") String label,
            @Schema(description = "Only events of this agent or of the tasks it holds.", example = "agent-qr-feature")
            String agent) {
    }

    @Schema(name = "WebhookSubscription", description = "A subscription; its secret is shown only when it is made.")
    record Subscription(
            @Schema(description = "Its id.", requiredMode = Schema.RequiredMode.REQUIRED, example = "sub-5kq2a8c1d0e2")
            String id,
            @Schema(description = "What it is for.", requiredMode = Schema.RequiredMode.REQUIRED) String name,
            @Schema(description = "webhook, slack or email.", requiredMode = Schema.RequiredMode.REQUIRED,
                    allowableValues = {"webhook", "slack", "email"}) String channel,
            @Schema(description = "The receiver.", requiredMode = Schema.RequiredMode.REQUIRED) String url,
            @ArraySchema(arraySchema = @Schema(description = "Event names; empty for every event.",
                    requiredMode = Schema.RequiredMode.REQUIRED)) List<String> events,
            @Schema(description = "Priority filter.") String priority,
            @Schema(description = "Capability filter.") String capability,
            @Schema(description = "Label filter, key=value.") String label,
            @Schema(description = "Agent filter.") String agent,
            @Schema(description = "Who made it.", requiredMode = Schema.RequiredMode.REQUIRED) String createdBy,
            @Schema(description = "When; events from then on are delivered.",
                    requiredMode = Schema.RequiredMode.REQUIRED) Instant createdAt,
            @Schema(description = "When it was deleted; null while active.") Instant deletedAt,
            @Schema(description = "The signing secret (Standard Webhooks, whsec_...): only in the answer that makes"
                    + " the subscription.") String secret) {
    }

    @Schema(name = "WebhookSubscriptionAnswer", description = "One subscription.")
    record Answer(
            @Schema(description = "Always true in a 2xx answer.", requiredMode = Schema.RequiredMode.REQUIRED)
            boolean success,
            @Schema(description = "The subscription.", requiredMode = Schema.RequiredMode.REQUIRED)
            Subscription subscription) {
    }

    @Schema(name = "WebhookSubscriptionList", description = "Every subscription, deleted ones included, oldest first.")
    record ListAnswer(
            @Schema(description = "Always true in a 2xx answer.", requiredMode = Schema.RequiredMode.REQUIRED)
            boolean success,
            @Schema(description = "How many.", requiredMode = Schema.RequiredMode.REQUIRED) int count,
            @ArraySchema(arraySchema = @Schema(description = "The subscriptions, without their secrets.",
                    requiredMode = Schema.RequiredMode.REQUIRED)) List<Subscription> subscriptions) {
    }

    @Schema(name = "ParkedDelivery", description = "A delivery given up after its retries.")
    record Parked(
            @Schema(description = "The subscription.", requiredMode = Schema.RequiredMode.REQUIRED)
            String subscriptionId,
            @Schema(description = "Its webhook-id.", requiredMode = Schema.RequiredMode.REQUIRED,
                    example = "sub-5kq2a8c1d0e2:task.failed:3:118") String deliveryId,
            @Schema(description = "The event's ce_type.", requiredMode = Schema.RequiredMode.REQUIRED,
                    example = "task.failed") String eventType,
            @Schema(description = "Where the event sits in Kafka, topic:partition:offset.",
                    requiredMode = Schema.RequiredMode.REQUIRED) String source,
            @Schema(description = "How many times it was sent.", requiredMode = Schema.RequiredMode.REQUIRED)
            int attempts,
            @Schema(description = "What the last attempt got.", requiredMode = Schema.RequiredMode.REQUIRED,
                    example = "HTTP 503") String lastError,
            @Schema(description = "When it was first sent.", requiredMode = Schema.RequiredMode.REQUIRED)
            Instant firstAttemptAt,
            @Schema(description = "When it was given up.", requiredMode = Schema.RequiredMode.REQUIRED)
            Instant parkedAt,
            @Schema(description = "What was sent.", requiredMode = Schema.RequiredMode.REQUIRED) String body) {
    }

    @Schema(name = "ParkedDeliveryList", description = "A subscription's parked deliveries, newest first.")
    record ParkedList(
            @Schema(description = "Always true in a 2xx answer.", requiredMode = Schema.RequiredMode.REQUIRED)
            boolean success,
            @Schema(description = "How many.", requiredMode = Schema.RequiredMode.REQUIRED) int count,
            @ArraySchema(arraySchema = @Schema(description = "The parked deliveries.",
                    requiredMode = Schema.RequiredMode.REQUIRED)) List<Parked> parked) {
    }

    @Schema(name = "ReplayedDelivery", description = "A parked delivery the receiver took when sent again.")
    record Replayed(
            @Schema(description = "Always true in a 2xx answer.", requiredMode = Schema.RequiredMode.REQUIRED)
            boolean success,
            @Schema(description = "Its webhook-id.", requiredMode = Schema.RequiredMode.REQUIRED) String deliveryId) {
    }

    @Schema(name = "DeliveryAttempt", description = "One delivery attempt.")
    record Attempt(
            @Schema(description = "The delivery's webhook-id.", requiredMode = Schema.RequiredMode.REQUIRED)
            String deliveryId,
            @Schema(description = "The event's ce_type, or digest.", requiredMode = Schema.RequiredMode.REQUIRED)
            String eventType,
            @Schema(description = "When.", requiredMode = Schema.RequiredMode.REQUIRED) Instant at,
            @Schema(description = "Which attempt of the delivery it was.", requiredMode = Schema.RequiredMode.REQUIRED)
            int attempt,
            @Schema(description = "delivered, failed or parked.", requiredMode = Schema.RequiredMode.REQUIRED,
                    allowableValues = {"delivered", "failed", "parked"}) String outcome,
            @Schema(description = "What went wrong; null when delivered.") String error) {
    }

    @Schema(name = "DeliveryAttemptList", description = "Recent attempts, newest first.")
    record RecentList(
            @Schema(description = "Always true in a 2xx answer.", requiredMode = Schema.RequiredMode.REQUIRED)
            boolean success,
            @Schema(description = "How many.", requiredMode = Schema.RequiredMode.REQUIRED) int count,
            @ArraySchema(arraySchema = @Schema(description = "The attempts.",
                    requiredMode = Schema.RequiredMode.REQUIRED)) List<Attempt> deliveries) {
    }
}
