package io.switchboard.events.notification;

import java.time.Instant;
import java.util.Objects;

/**
 * A webhook delivery given up after its retries, kept on {@code notification.parked} (keyed by subscription) for an
 * operator to see; the delivery goes on with the next event.
 *
 * @param subscriptionId the subscription it was for
 * @param deliveryId     its {@code webhook-id}: the same on every attempt, for the receiver to deduplicate on
 * @param eventType      the event's {@code ce_type}
 * @param source         where the event sits in Kafka ({@code topic:partition:offset})
 * @param attempts       how many times it was sent
 * @param lastError      what the last attempt got: the HTTP status, or the error
 * @param firstAttemptAt when it was first sent
 * @param parkedAt       when it was given up
 * @param body           the CloudEvent as it was sent
 */
public record ParkedDelivery(String subscriptionId, String deliveryId, String eventType, String source, int attempts,
                             String lastError, Instant firstAttemptAt, Instant parkedAt, String body) {

    public ParkedDelivery {
        Objects.requireNonNull(subscriptionId, "subscriptionId");
        Objects.requireNonNull(deliveryId, "deliveryId");
    }
}
