package io.switchboard.gateway.notifications;

import io.switchboard.events.MessageType;
import io.switchboard.events.notification.WebhookSubscription;
import io.switchboard.events.task.Priority;

import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** What a new subscription must be: each rule names the field it is about. */
final class SubscriptionRules {

    /** The event names a subscription may choose: the public events. */
    static final Set<String> EVENTS = Arrays.stream(MessageType.values()).flatMap(type -> type.eventName().stream())
            .collect(Collectors.toUnmodifiableSet());

    record Violation(String message, String field) {
    }

    private SubscriptionRules() {
    }

    static Optional<Violation> check(String name, String channel, String url, List<String> events, String priority,
                                     String label) {
        if (name == null || name.isBlank() || name.length() > 100) {
            return violation("name is required (1-100 characters)", "name");
        }
        if (WebhookSubscription.EMAIL.equals(channel)) {
            if (!mailto(url)) {
                return violation("url must be mailto: and one or more addresses, comma-separated", "url");
            }
        } else if (!WebhookSubscription.WEBHOOK.equals(channel) && !WebhookSubscription.SLACK.equals(channel)) {
            return violation("channel must be webhook, slack or email", "channel");
        } else if (!httpUrl(url)) {
            return violation("url must be an absolute http or https URL", "url");
        }
        for (String event : events) {
            if (!EVENTS.contains(event)) {
                return violation("Unknown event '" + event + "'; one of " + EVENTS.stream().sorted().toList(),
                        "events");
            }
        }
        if (priority != null && Arrays.stream(Priority.values()).noneMatch(p -> p.name().equals(priority))) {
            return violation("priority must be one of P0, P1, P2, P3", "priority");
        }
        if (label != null && (label.indexOf('=') < 1)) {
            return violation("label must be key=value", "label");
        }
        return Optional.empty();
    }

    private static final Pattern ADDRESS = Pattern.compile("[^@\\s,<>]+@[^@\\s,<>]+\\.[^@\\s,<>]+");

    private static boolean mailto(String url) {
        if (url == null || url.length() > 2000 || !url.startsWith("mailto:")) {
            return false;
        }
        List<String> addresses = EmailSender.addresses(url);
        return !addresses.isEmpty() && addresses.stream().allMatch(address -> ADDRESS.matcher(address).matches());
    }

    private static boolean httpUrl(String url) {
        if (url == null || url.length() > 2000) {
            return false;
        }
        try {
            URI uri = new URI(url);
            return uri.isAbsolute() && uri.getHost() != null
                    && ("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()));
        } catch (Exception e) {
            return false;
        }
    }

    private static Optional<Violation> violation(String message, String field) {
        return Optional.of(new Violation(message, field));
    }
}
