package io.switchboard.gateway.notifications;

import io.switchboard.aggregate.KafkaClients;
import io.switchboard.events.notification.WebhookSubscription;
import io.switchboard.events.serde.MessageCodec;
import org.apache.kafka.clients.producer.Producer;
import org.springframework.context.SmartLifecycle;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Runs one {@link WebhookDelivery} per active subscription, on its own thread: started when a subscription appears
 * (on any instance), stopped when it is deleted.
 */
public final class WebhookDispatcher implements SmartLifecycle, AutoCloseable {

    private final WebhookSubscriptions subscriptions;
    private final KafkaClients clients;
    private final List<String> topics;
    private final Producer<String, byte[]> parkedProducer;
    private final MessageCodec codec;
    private final NotificationProperties settings;
    private final Clock clock;
    private final WebhookSender sender;
    private final EmailSender email;
    private final RecentDeliveries recent;
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);
    private final Map<String, WebhookDelivery> running = new ConcurrentHashMap<>();
    private volatile boolean started;

    public WebhookDispatcher(WebhookSubscriptions subscriptions, KafkaClients clients, List<String> topics,
                             Producer<String, byte[]> parkedProducer, MessageCodec codec, WebhookSender sender,
                             EmailSender email, RecentDeliveries recent, NotificationProperties settings,
                             Clock clock) {
        this.subscriptions = subscriptions;
        this.clients = clients;
        this.topics = topics;
        this.parkedProducer = parkedProducer;
        this.codec = codec;
        this.settings = settings;
        this.clock = clock;
        this.sender = sender;
        this.email = email;
        this.recent = recent;
    }

    @Override
    public void start() {
        started = true;
        subscriptions.onChange(this::follow);
        subscriptions.all().forEach(this::follow);
    }

    private synchronized void follow(WebhookSubscription subscription) {
        if (!started) {
            return;
        }
        if (!subscription.active()) {
            WebhookDelivery gone = running.remove(subscription.id());
            if (gone != null) {
                gone.stop();
            }
            return;
        }
        if (running.containsKey(subscription.id())) {
            return;
        }
        WebhookDelivery delivery = new WebhookDelivery(subscription, clients, topics, sender, email, recent,
                parkedProducer, codec, settings, clock);
        running.put(subscription.id(), delivery);
        Thread thread = new Thread(delivery, "webhook-" + subscription.id());
        thread.setDaemon(true);
        thread.start();
    }

    /** Subscriptions this instance delivers now. */
    public int deliveries() {
        return running.size();
    }

    @Override
    public synchronized void stop() {
        started = false;
        running.values().forEach(WebhookDelivery::stop);
        running.clear();
    }

    @Override
    public boolean isRunning() {
        return started;
    }

    /** After {@link #stop()}: the producer of parked deliveries goes with the dispatcher. */
    @Override
    public void close() {
        parkedProducer.close(CLOSE_TIMEOUT);
    }
}
