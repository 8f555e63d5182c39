package io.switchboard.gateway.notifications;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * Webhook delivery ({@code switchboard.notifications.*}, each overridable by environment variable:
 * SWITCHBOARD_NOTIFICATIONS_RETRY_FOR, ...).
 *
 * @param enabled          whether this gateway instance delivers webhooks (the subscriptions API is there either way)
 * @param requestTimeout   how long one attempt may take, connection included
 * @param firstRetry       the wait before the second attempt; doubled after each failure (with ±20 % jitter)
 * @param maxRetryInterval the longest wait between two attempts
 * @param retryFor         how long a delivery is retried before it is parked on {@code notification.parked}
 * @param dashboardUrl     the dashboard as people reach it, for the link in Slack messages and emails
 * @param emailFrom        the sender of notification emails (the SMTP server is Spring Boot's {@code spring.mail.*})
 * @param emailDigestWindow how long an email subscription gathers further events after one, into one digest
 */
@ConfigurationProperties("switchboard.notifications")
public record NotificationProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("10s") Duration requestTimeout,
        @DefaultValue("1s") Duration firstRetry,
        @DefaultValue("10m") Duration maxRetryInterval,
        @DefaultValue("6h") Duration retryFor,
        @DefaultValue("http://localhost:8080/") String dashboardUrl,
        @DefaultValue("switchboard@localhost") String emailFrom,
        @DefaultValue("5s") Duration emailDigestWindow) {
}
