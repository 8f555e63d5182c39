package io.switchboard.gateway.notifications;

import io.micrometer.core.instrument.MeterRegistry;
import io.switchboard.aggregate.KafkaClients;
import io.switchboard.aggregate.ServiceProperties;
import io.switchboard.aggregate.StateView;
import io.switchboard.events.MessageType;
import io.switchboard.events.Topics;
import io.switchboard.events.notification.WebhookSubscription;
import io.switchboard.events.serde.MessageCodec;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mail.javamail.JavaMailSender;

import java.time.Clock;
import java.util.Arrays;
import java.util.List;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(NotificationProperties.class)
class NotificationsConfiguration {

    @Bean
    StateView<WebhookSubscription> webhookSubscriptionView(KafkaClients clients, MessageCodec codec,
                                                           ServiceProperties service) {
        return new StateView<>(clients.forPart("subscriptions"), codec, MessageType.WEBHOOK_SUBSCRIPTION,
                WebhookSubscription::id, subscription -> subscription.active() ? 1 : 2, service.startTimeout());
    }

    @Bean
    WebhookSubscriptions webhookSubscriptions(StateView<WebhookSubscription> view, KafkaClients clients,
                                              Clock clock, ServiceProperties service) {
        return new WebhookSubscriptions(view, clients.forPart("subscriptions").commandProducer(), clock,
                service.commandTimeout());
    }

    @Bean
    WebhookSender webhookSender(NotificationProperties settings, Clock clock) {
        return new WebhookSender(settings.requestTimeout(), clock);
    }

    @Bean
    EmailSender emailSender(ObjectProvider<JavaMailSender> mail, NotificationProperties settings) {
        return new EmailSender(mail.getIfAvailable(), settings.emailFrom());
    }

    @Bean
    RecentDeliveries recentDeliveries(MeterRegistry meters) {
        return new RecentDeliveries(meters);
    }

    @Bean
    ParkedDeliveries parkedDeliveries(KafkaClients clients, MessageCodec codec) {
        return new ParkedDeliveries(clients.forPart("notifications"), codec);
    }

    @Bean
    @ConditionalOnProperty(name = "switchboard.notifications.enabled", matchIfMissing = true)
    WebhookDispatcher webhookDispatcher(WebhookSubscriptions subscriptions, KafkaClients clients, Topics topics,
                                        MessageCodec codec, WebhookSender sender, EmailSender email,
                                        RecentDeliveries recent, NotificationProperties settings, Clock clock) {
        List<String> publicTopics = Arrays.stream(MessageType.values()).filter(type -> type.eventName().isPresent())
                .map(topics::of).distinct().toList();
        return new WebhookDispatcher(subscriptions, clients, publicTopics,
                clients.forPart("webhooks").commandProducer(), codec, sender, email, recent, settings, clock);
    }
}
