package io.switchboard.gateway.notifications;

import io.switchboard.aggregate.StateView;
import io.switchboard.events.notification.WebhookSubscription;
import org.apache.kafka.clients.producer.Producer;

import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeoutException;

/**
 * The webhook subscriptions, on the compacted {@code notification.subscriptions} topic that every gateway instance
 * reads whole: a subscription made on one instance is delivered by the instances together, and survives restarts.
 */
public final class WebhookSubscriptions implements AutoCloseable {

    /** What a subscription is to deliver: everything of a subscription but its id, secret and times. */
    public record Wanted(String name, String channel, String url, List<String> events, String priority,
                         String capability, String label, String agent) {
    }

    private final StateView<WebhookSubscription> view;
    private final Producer<String, byte[]> producer;
    private final Clock clock;
    private final Duration writeTimeout;

    public WebhookSubscriptions(StateView<WebhookSubscription> view, Producer<String, byte[]> producer,
                                Clock clock, Duration writeTimeout) {
        this.view = view;
        this.producer = producer;
        this.clock = clock;
        this.writeTimeout = writeTimeout;
    }

    /** Every subscription, deleted ones included, oldest first. */
    public Collection<WebhookSubscription> all() {
        return view.store().all().stream().sorted(Comparator.comparing(WebhookSubscription::createdAt)
                .thenComparing(WebhookSubscription::id)).toList();
    }

    public Optional<WebhookSubscription> get(String id) {
        return view.store().get(id);
    }

    /** Called with every subscription made, changed or deleted, on any instance (from the reader's thread). */
    public void onChange(java.util.function.Consumer<WebhookSubscription> listener) {
        view.store().watch(listener);
    }

    /** Creates a subscription and returns once this instance has it (the others follow within their read lag). */
    public WebhookSubscription create(Wanted wanted, String createdBy) throws TimeoutException {
        WebhookSubscription subscription = new WebhookSubscription("sub-" + UUID.randomUUID().toString()
                .substring(0, 12), wanted.name().trim(), wanted.channel(), wanted.url(), WebhookSignature.newSecret(),
                wanted.events(),
                wanted.priority(), wanted.capability(), wanted.label(), wanted.agent(), createdBy, clock.instant(),
                null);
        write(subscription);
        return subscription;
    }

    public WebhookSubscription delete(WebhookSubscription subscription) throws TimeoutException {
        WebhookSubscription deleted = subscription.deleted(clock.instant());
        write(deleted);
        return deleted;
    }

    private void write(WebhookSubscription subscription) throws TimeoutException {
        view.writeAndReadBack(producer, subscription.id(), subscription, clock.instant(), writeTimeout);
    }

    /** Its producer goes with it: a gateway stopped in a running JVM (tests, a refresh) leaves no thread behind. */
    @Override
    public void close() {
        producer.close(writeTimeout);
    }
}
