package io.switchboard.gateway.delegation;

import io.switchboard.aggregate.KafkaClients;
import io.switchboard.aggregate.ServiceProperties;
import io.switchboard.aggregate.StateView;
import io.switchboard.events.MessageType;
import io.switchboard.events.Topics;
import io.switchboard.events.a2a.A2aDispatch;
import io.switchboard.events.serde.MessageCodec;
import io.switchboard.gateway.routes.GatewayProperties;
import io.switchboard.gateway.security.SecurityProperties;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

import java.time.Clock;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Delegating to A2A agents (docs/a2a.md, "Delegating to A2A agents"): tasks assigned to an agent registered from its
 * A2A card are sent to it and followed. Off with {@code switchboard.a2a.delegation.enabled=false}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(DelegationProperties.class)
@ConditionalOnBooleanProperty(name = "switchboard.a2a.delegation.enabled", matchIfMissing = true)
class DelegationConfiguration {

    @Bean
    StateView<A2aDispatch> a2aDispatchView(KafkaClients clients, MessageCodec codec, ServiceProperties service) {
        return new StateView<>(clients.forPart("a2a-dispatches"), codec, MessageType.A2A_DISPATCH,
                A2aDispatch::taskId, A2aDispatch::version, service.startTimeout());
    }

    @Bean
    Dispatches a2aDispatches(StateView<A2aDispatch> view, KafkaClients clients, Clock clock,
                             ServiceProperties service) {
        return new Dispatches(view, clients.forPart("a2a-dispatches").commandProducer(), clock,
                service.commandTimeout());
    }

    /** The callback's base: as configured, else this gateway's port on this machine once it listens. */
    @Bean
    PushNotifications a2aPushNotifications(Dispatches dispatches, KafkaClients clients, MessageCodec codec,
                                           Topics topics, DelegationProperties settings, Environment environment,
                                           Clock clock, ServiceProperties service) {
        Supplier<String> base = () -> settings.callbackUrl() != null && !settings.callbackUrl().isBlank()
                ? settings.callbackUrl()
                : Optional.ofNullable(environment.getProperty("local.server.port"))
                        .map(port -> "http://127.0.0.1:" + port).orElse(null);
        return new PushNotifications(base, dispatches, clients.forPart("a2a-pushes").commandProducer(), codec,
                topics.of(MessageType.A2A_PUSH_RECEIVED), clock, service.commandTimeout());
    }

    @Bean
    AgentCalls a2aAgentCalls(DelegationProperties settings) {
        return new AgentCalls(new TimedHttpClient(settings.requestTimeout()));
    }

    @Bean
    SwitchboardCalls a2aSwitchboardCalls(GatewayProperties gateway, SecurityProperties security,
                                         DelegationProperties settings) {
        return new SwitchboardCalls(gateway::tasksUrl, gateway::agentsUrl, security.gatewayToken(),
                settings.requestTimeout());
    }

    @Bean
    A2aDelegation a2aDelegation(KafkaClients clients, Topics topics, Dispatches dispatches, AgentCalls agents,
                                SwitchboardCalls switchboard, PushNotifications pushes, MessageCodec codec,
                                DelegationProperties settings, Clock clock) {
        AgentDirectory directory = new AgentDirectory(switchboard);
        DispatchTracker tracker = new DispatchTracker(agents, directory, switchboard, dispatches, clock);
        return new A2aDelegation(clients, topics.of(MessageType.TASK_ASSIGNED), topics.of(MessageType.TASK_ARCHIVED),
                new AssignmentDispatcher(directory, agents, switchboard, dispatches, tracker, pushes, codec, clock,
                        settings.requestTimeout()),
                tracker, dispatches, directory, pushes, codec, settings);
    }
}
