package io.switchboard.gateway.a2a;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.a2a.util.Utils;
import io.switchboard.gateway.events.LiveEvents;
import io.switchboard.gateway.routes.GatewayProperties;
import io.switchboard.gateway.security.SecurityProperties;
import io.switchboard.web.GatewayOnlyFilter;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Switchboard as an A2A agent: its card at {@code /.well-known/agent-card.json} and the JSON-RPC methods at
 * {@code /a2a} ({@link A2aEndpoint}). Off with {@code switchboard.a2a.enabled=false}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(A2aProperties.class)
@ConditionalOnBooleanProperty(name = "switchboard.a2a.enabled", matchIfMissing = true)
class A2aConfiguration {

    static final String CARD_PATH = "/.well-known/agent-card.json";
    static final String ENDPOINT_PATH = "/a2a";

    @Bean
    RouterFunction<ServerResponse> a2aRoutes(A2aProperties settings, GatewayProperties gateway,
                                             SecurityProperties security, LiveEvents live, Environment environment) {
        WebClient client = WebClient.builder().build();
        TaskApi tasks = new TaskApi(() -> ownUrl(environment), client, gateway.responseTimeout());
        A2aEndpoint endpoint = new A2aEndpoint(tasks, live, settings.keepAlive());
        WebClient.Builder agentsClient = WebClient.builder().baseUrl(gateway.agentsUrl().toString());
        if (security.gatewayToken() != null) {
            agentsClient.defaultHeader(GatewayOnlyFilter.HEADER, security.gatewayToken());
        }
        WebClient agents = agentsClient.build();
        return RouterFunctions.route()
                .GET(CARD_PATH, request -> card(request, settings, agents, security.enabled(), gateway))
                .POST(ENDPOINT_PATH, endpoint::callSafely)
                .build();
    }

    /** The card, with a skill for each capability of the agents that take work now. */
    private static Mono<ServerResponse> card(ServerRequest request, A2aProperties settings, WebClient agents,
                                             boolean secured, GatewayProperties gateway) {
        String base = settings.publicUrl() != null ? settings.publicUrl().toString().replaceAll("/+$", "")
                : request.uri().getScheme() + "://" + request.uri().getRawAuthority();
        return agents.get().uri("/api/agents").retrieve().bodyToMono(JsonNode.class)
                .timeout(gateway.responseTimeout())
                .map(A2aConfiguration::capabilities)
                .map(capabilities -> SwitchboardCard.of(settings, base + ENDPOINT_PATH, capabilities, secured))
                .flatMap(card -> {
                    try {
                        return ServerResponse.ok().contentType(MediaType.APPLICATION_JSON)
                                .bodyValue(Utils.OBJECT_MAPPER.writeValueAsString(card));
                    } catch (JsonProcessingException e) {
                        return Mono.error(e);
                    }
                });
    }

    private static SortedMap<String, Integer> capabilities(JsonNode answer) {
        SortedMap<String, Integer> counts = new TreeMap<>();
        answer.path("agents").forEach(agent -> {
            if (!"OFFLINE".equals(agent.path("status").asString())) {
                agent.path("capabilities").forEach(capability -> counts.merge(capability.asString(), 1,
                        Integer::sum));
            }
        });
        return counts;
    }

    /** This gateway's own REST API, on the port it listens on (known once the server runs). */
    private static String ownUrl(Environment environment) {
        String address = environment.getProperty("server.address");
        String host = address == null || address.isBlank() || "0.0.0.0".equals(address) || "::".equals(address)
                ? "127.0.0.1" : address;
        return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":"
                + environment.getRequiredProperty("local.server.port");
    }
}
