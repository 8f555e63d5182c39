package io.switchboard.gateway.notifications;

import io.switchboard.events.notification.WebhookSubscription;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;

/** One attempt to deliver a body to a subscription's URL: signed for a webhook, plain JSON for Slack. */
public final class WebhookSender {

    private final HttpClient http;
    private final Duration timeout;
    private final Clock clock;

    public WebhookSender(Duration timeout, Clock clock) {
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER)
                .build();
        this.timeout = timeout;
        this.clock = clock;
    }

    /** Null when the receiver took it (2xx), else what went wrong. */
    public String send(WebhookSubscription subscription, String id, String body) {
        long timestamp = clock.instant().getEpochSecond();
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(subscription.url()))
                .timeout(timeout)
                .header("User-Agent", "Switchboard-Webhooks")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (WebhookSubscription.SLACK.equals(subscription.channel())) {
            builder.header("Content-Type", "application/json"); // Slack's URL is the secret: nothing to sign
        } else {
            builder.header("Content-Type", "application/cloudevents+json")
                    .header("webhook-id", id)
                    .header("webhook-timestamp", Long.toString(timestamp))
                    .header("webhook-signature", WebhookSignature.sign(subscription.secret(), id, timestamp, body));
        }
        try {
            HttpResponse<Void> response = http.send(builder.build(), HttpResponse.BodyHandlers.discarding());
            return response.statusCode() / 100 == 2 ? null : "HTTP " + response.statusCode();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        } catch (Exception e) {
            return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        }
    }
}
