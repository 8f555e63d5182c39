package io.switchboard.gateway.a2a;

import io.a2a.spec.APIKeySecurityScheme;
import io.a2a.spec.AgentCapabilities;
import io.a2a.spec.AgentCard;
import io.a2a.spec.AgentSkill;
import io.a2a.spec.HTTPAuthSecurityScheme;
import io.a2a.spec.SecurityScheme;
import io.a2a.spec.TransportProtocol;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * Switchboard's own A2A agent card: one skill per capability its agents offer (a task that needs it can be
 * delegated), JSON-RPC with streaming, and the gateway's two credentials as security schemes when security is on.
 */
final class SwitchboardCard {

    static final String PROTOCOL_VERSION = "0.3.0";
    static final String API_KEY = "apiKey";
    static final String BEARER = "bearer";
    private static final List<String> MODES = List.of("text/plain", "application/json");

    private SwitchboardCard() {
    }

    /**
     * @param agentsByCapability how many registered agents offer each capability
     * @param secured            whether calls need an API key or a JWT
     */
    static AgentCard of(A2aProperties settings, String endpoint, SortedMap<String, Integer> agentsByCapability,
                        boolean secured) {
        List<AgentSkill> skills = agentsByCapability.entrySet().stream().map(entry -> new AgentSkill.Builder()
                .id(entry.getKey())
                .name(entry.getKey())
                .description("Tasks that need " + entry.getKey() + ": " + entry.getValue()
                        + (entry.getValue() == 1 ? " agent offers it" : " agents offer it"))
                .tags(List.of(entry.getKey()))
                .examples(List.of("{\"capabilities\": [\"" + entry.getKey() + "\"], \"priority\": \"P2\"}"))
                .build()).toList();
        AgentCard.Builder card = new AgentCard.Builder()
                .name(settings.name())
                .description(settings.description())
                .url(endpoint)
                .version(settings.version())
                .protocolVersion(PROTOCOL_VERSION)
                .preferredTransport(TransportProtocol.JSONRPC.asString())
                .capabilities(new AgentCapabilities.Builder().streaming(true).pushNotifications(false)
                        .stateTransitionHistory(false).build())
                .defaultInputModes(MODES)
                .defaultOutputModes(MODES)
                .skills(skills);
        if (secured) {
            Map<String, SecurityScheme> schemes = new LinkedHashMap<>();
            schemes.put(API_KEY, new APIKeySecurityScheme("header", "X-API-Key",
                    "A Switchboard API key with permission to create tasks (operator or admin)"));
            schemes.put(BEARER, new HTTPAuthSecurityScheme("JWT", "bearer",
                    "A JWT of the identity provider the gateway trusts"));
            card.securitySchemes(schemes).security(List.of(Map.of(API_KEY, List.of()), Map.of(BEARER, List.of())));
        }
        return card.build();
    }
}
