package io.switchboard.gateway.notifications;

import io.micrometer.core.instrument.MeterRegistry;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What this gateway instance's deliveries did lately, per subscription (the last {@value #KEPT} attempts), for the
 * dashboard; and the counter {@code switchboard.notifications.attempts} (channel, outcome) for dashboards and alerts.
 * Kept in memory: it is a view of recent work, not delivery state (that is the consumer groups' offsets in Kafka).
 */
public final class RecentDeliveries {

    static final int KEPT = 20;

    /** One attempt: delivered, failed (to be retried) or parked (given up). */
    public record Attempt(String deliveryId, String eventType, Instant at, int attempt, String outcome, String error) {
    }

    private final Map<String, Deque<Attempt>> bySubscription = new ConcurrentHashMap<>();
    private final MeterRegistry meters;

    public RecentDeliveries(MeterRegistry meters) {
        this.meters = meters;
    }

    void record(String subscriptionId, String channel, Attempt attempt) {
        Deque<Attempt> recent = bySubscription.computeIfAbsent(subscriptionId, id -> new ArrayDeque<>());
        synchronized (recent) {
            recent.addFirst(attempt);
            while (recent.size() > KEPT) {
                recent.removeLast();
            }
        }
        meters.counter("switchboard.notifications.attempts", "channel", channel, "outcome", attempt.outcome())
                .increment();
    }

    /** Newest first. */
    public List<Attempt> of(String subscriptionId) {
        Deque<Attempt> recent = bySubscription.get(subscriptionId);
        if (recent == null) {
            return List.of();
        }
        synchronized (recent) {
            return List.copyOf(recent);
        }
    }
}
