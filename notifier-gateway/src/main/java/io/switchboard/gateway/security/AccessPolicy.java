package io.switchboard.gateway.security;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.switchboard.gateway.security.Permission.AGENT_WRITE;
import static io.switchboard.gateway.security.Permission.AUDIT_READ;
import static io.switchboard.gateway.security.Permission.NOTIFICATION_CONFIG;
import static io.switchboard.gateway.security.Permission.SYSTEM_CONFIG;
import static io.switchboard.gateway.security.Permission.TASK_ASSIGN;
import static io.switchboard.gateway.security.Permission.TASK_READ;
import static io.switchboard.gateway.security.Permission.TASK_WRITE;

/**
 * Which permission each request needs, and what narrows an agent's: the one table of who may do what (README,
 * "Security"). The first rule that matches decides. Paths use {@code *} for one segment, {@code **} for the rest,
 * and {@code {id}} for the segment an agent's scope is checked against.
 */
public final class AccessPolicy {

    /** How a rule treats the agent role, beyond its permissions. */
    enum AgentScope {
        /** Agents may, if their role has the permission. */
        ANY,
        /** Agents never may: it is operators' work. */
        NONE,
        /** Only for the agent named by {@code {id}}. */
        OWN_AGENT,
        /** Only on a task held by the agent, {@code {id}} being the task. */
        OWN_TASK
    }

    record Rule(Set<String> methods, Pattern path, Permission permission, AgentScope scope) {
        boolean matches(String method, String requestPath) {
            return (methods.isEmpty() || methods.contains(method)) && path.matcher(requestPath).matches();
        }
    }

    private static final Set<String> ANY_METHOD = Set.of();
    private static final Set<String> READS = Set.of("GET", "HEAD");
    private static final Set<String> WRITES = Set.of("POST", "PUT", "PATCH", "DELETE");

    private static final List<Rule> RULES = List.of(
            rule(Set.of("OPTIONS"), "/**", null, AgentScope.ANY),
            rule(READS, "/", null, AgentScope.ANY),
            rule(READS, "/index.html", null, AgentScope.ANY),
            rule(READS, "/assets/**", null, AgentScope.ANY),
            rule(READS, "/favicon.*", null, AgentScope.ANY),
            rule(READS, "/actuator/health", null, AgentScope.ANY),
            rule(READS, "/actuator/health/**", null, AgentScope.ANY),
            rule(READS, "/actuator/info", null, AgentScope.ANY),
            rule(READS, "/actuator/prometheus", null, AgentScope.ANY),
            rule(READS, "/v3/api-docs", null, AgentScope.ANY),
            rule(READS, "/v3/api-docs/**", null, AgentScope.ANY),
            rule(READS, "/api/docs", null, AgentScope.ANY),
            rule(READS, "/api/docs/**", null, AgentScope.ANY),
            rule(READS, "/swagger-ui/**", null, AgentScope.ANY),
            rule(READS, "/asyncapi.yaml", null, AgentScope.ANY),
            rule(READS, "/webjars/**", null, AgentScope.ANY),
            rule(READS, "/.well-known/agent-card.json", null, AgentScope.ANY),
            // A2A's methods all come as a POST: each is checked again as the REST call it makes (with the caller's
            // credentials), so here it needs only what a read needs.
            rule(Set.of("POST"), "/a2a", TASK_READ, AgentScope.ANY),
            // An A2A agent's push notification: the token its task was given is its credential (PushController).
            rule(Set.of("POST"), "/a2a/push/*", null, AgentScope.ANY),
            rule(ANY_METHOD, "/api/auth/keys", SYSTEM_CONFIG, AgentScope.NONE),
            rule(ANY_METHOD, "/api/auth/keys/**", SYSTEM_CONFIG, AgentScope.NONE),
            rule(READS, "/api/audit", AUDIT_READ, AgentScope.NONE),
            rule(ANY_METHOD, "/api/notifications/**", NOTIFICATION_CONFIG, AgentScope.NONE),
            rule(Set.of("POST"), "/api/tasks/*/assign", TASK_ASSIGN, AgentScope.NONE),
            rule(Set.of("POST"), "/api/tasks/queue/next", TASK_ASSIGN, AgentScope.NONE),
            rule(Set.of("PUT"), "/api/tasks/{id}/progress", TASK_WRITE, AgentScope.OWN_TASK),
            rule(Set.of("POST"), "/api/tasks/{id}/start", TASK_WRITE, AgentScope.OWN_TASK),
            rule(Set.of("POST"), "/api/tasks/{id}/complete", TASK_WRITE, AgentScope.OWN_TASK),
            rule(Set.of("POST"), "/api/tasks/{id}/fail", TASK_WRITE, AgentScope.OWN_TASK),
            rule(WRITES, "/api/tasks", TASK_WRITE, AgentScope.NONE),
            rule(WRITES, "/api/tasks/**", TASK_WRITE, AgentScope.NONE),
            rule(Set.of("POST"), "/api/agents/{id}/heartbeat", AGENT_WRITE, AgentScope.OWN_AGENT),
            rule(WRITES, "/api/agents", AGENT_WRITE, AgentScope.NONE),
            rule(WRITES, "/api/agents/**", AGENT_WRITE, AgentScope.NONE),
            // Socket.IO's long-polling transport sends its frames with POST: still only reading events.
            rule(ANY_METHOD, "/socket.io", TASK_READ, AgentScope.ANY),
            rule(ANY_METHOD, "/socket.io/**", TASK_READ, AgentScope.ANY),
            rule(ANY_METHOD, "/actuator/**", SYSTEM_CONFIG, AgentScope.NONE),
            rule(READS, "/**", TASK_READ, AgentScope.ANY),
            rule(ANY_METHOD, "/**", SYSTEM_CONFIG, AgentScope.NONE));

    private final boolean anonymousReads;
    /** The caller a request without a credential acts as; null when there is none (the default). */
    private final Caller anonymous;

    /** @param anonymousReads whether reads and live events are open without a credential */
    public AccessPolicy(boolean anonymousReads) {
        this(anonymousReads, null);
    }

    /**
     * @param anonymousRole the role a request without a credential acts as (see
     *                      {@link SecurityProperties#anonymousRole()}); null for none
     */
    public AccessPolicy(boolean anonymousReads, Role anonymousRole) {
        this.anonymousReads = anonymousReads;
        this.anonymous = anonymousRole == null ? null : Caller.anonymousAs(anonymousRole);
    }

    /** The caller a request without a credential acts as, when one is configured. */
    public Optional<Caller> anonymousCaller() {
        return Optional.ofNullable(anonymous);
    }

    public boolean anonymousReads() {
        return anonymousReads;
    }

    /** The permission a request needs (null when public), whoever asks. */
    public Permission required(String method, String path) {
        return ruleFor(method, path).permission();
    }

    /** @param caller who is asking; null when the request carried no valid credential */
    public Access decide(String method, String path, Caller caller) {
        return decide(method, path, caller, true);
    }

    /**
     * @param caller          who is asking; null when the request carried no valid credential
     * @param anonymousMayRead whether an anonymous caller's address is one that anonymous reads are open to
     */
    public Access decide(String method, String path, Caller caller, boolean anonymousMayRead) {
        Rule rule = ruleFor(method, path);
        Permission needed = rule.permission();
        if (needed == null) {
            return new Access.Granted(null);
        }
        if (caller == null && anonymous != null && anonymousMayRead) {
            caller = anonymous;
        }
        if (caller == null) {
            return anonymousReads && anonymousMayRead && needed == TASK_READ ? new Access.Granted(needed)
                    : new Access.Unauthenticated(needed);
        }
        if (!caller.may(needed)) {
            return new Access.Denied(needed, "role " + caller.role().code() + " lacks permission " + needed.code());
        }
        return caller.role() == Role.AGENT ? narrowForAgent(rule, method, path, caller) : new Access.Granted(needed);
    }

    private static Access narrowForAgent(Rule rule, String method, String path, Caller caller) {
        Permission needed = rule.permission();
        return switch (rule.scope()) {
            case ANY -> new Access.Granted(needed);
            case NONE -> new Access.Denied(needed, "an agent key may not call " + method + " " + path);
            case OWN_AGENT -> {
                String agentId = idIn(rule, path);
                yield agentId.equals(caller.agentId()) ? new Access.Granted(needed)
                        : new Access.Denied(needed, "an agent key acts only for agent " + caller.agentId());
            }
            case OWN_TASK -> new Access.IfTaskHeldBy(needed, idIn(rule, path), caller.agentId());
        };
    }

    private static Rule ruleFor(String method, String path) {
        return RULES.stream().filter(r -> r.matches(method, path)).findFirst().orElseThrow();
    }

    private static String idIn(Rule rule, String path) {
        Matcher matcher = rule.path().matcher(path);
        if (!matcher.matches()) {
            throw new IllegalStateException("rule does not match " + path);
        }
        return matcher.group("id");
    }

    private static Rule rule(Set<String> methods, String path, Permission permission, AgentScope scope) {
        StringBuilder regex = new StringBuilder();
        String marked = path.replace("/**", "\u0001").replace("{id}", "\u0002").replace("*", "\u0003");
        for (char c : marked.toCharArray()) {
            switch (c) {
                case '\u0001' -> regex.append("(?:/.*)?");
                case '\u0002' -> regex.append("(?<id>[^/]+)");
                case '\u0003' -> regex.append("[^/]+");
                default -> regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return new Rule(methods, Pattern.compile(regex.toString()), permission, scope);
    }
}
