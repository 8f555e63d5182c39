package io.switchboard.gateway;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.switchboard.agent.AgentRegistryApplication;
import io.switchboard.assignment.AssignmentApplication;
import io.switchboard.gateway.security.ApiKeySecrets;
import io.switchboard.task.TaskServiceApplication;
import io.switchboard.testing.http.Api;
import io.switchboard.testing.http.Api.Answer;
import io.switchboard.testing.kafka.KafkaTestBroker;
import io.switchboard.testing.kafka.WithKafka;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The gateway's door, against the real services on a real broker: who may call what (one row per role and
 * endpoint), 401 without a valid credential, agents only on their own tasks and heartbeat, API keys and JWTs, one
 * audit entry per write or refusal that survives a gateway restart, and rate limits.
 */
@WithKafka
class GatewaySecurityTest {

    private static final String PREFIX = "sec-";
    private static final Map<String, String> KEYS = Map.of(
            "admin", "admin-secret-0001", "operator", "operator-secret-02", "agent", "agent-secret-00003",
            "viewer", "viewer-secret-0004");
    private static final List<ConfigurableApplicationContext> SERVICES = new ArrayList<>();
    private static ConfigurableApplicationContext gateway;
    private static KeyPair signing;
    private static Path publicKey;
    private static Api api;

    @BeforeAll
    static void start() throws Exception {
        SERVICES.add(TaskServiceApplication.application().run(args("tasks")));
        SERVICES.add(AgentRegistryApplication.application().run(args("agents")));
        SERVICES.add(AssignmentApplication.application().run(args("assignment")));
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        signing = generator.generateKeyPair();
        publicKey = Files.createTempFile("switchboard-jwt", ".pem");
        Files.writeString(publicKey, "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder().encodeToString(signing.getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----\n");
        gateway = startGateway("1000");
        api = new Api(port(gateway));

        as("admin", "POST", "/api/agents", "{\"id\":\"sec-agent\",\"capabilities\":[\"mine\"],"
                + "\"maxConcurrentTasks\":5,\"heartbeatIntervalMs\":0}", 201);
        as("admin", "POST", "/api/agents", "{\"id\":\"other-agent\",\"capabilities\":[\"theirs\"],"
                + "\"maxConcurrentTasks\":5,\"heartbeatIntervalMs\":0}", 201);
        as("admin", "POST", "/api/tasks", "{\"id\":\"SEC-MINE\",\"name\":\"Mine\",\"requiredCapabilities\":[\"mine\"],"
                + "\"assignmentMode\":\"MANUAL\"}", 201);
        as("admin", "POST", "/api/tasks", "{\"id\":\"SEC-THEIRS\",\"name\":\"Theirs\","
                + "\"requiredCapabilities\":[\"theirs\"],\"assignmentMode\":\"MANUAL\"}", 201);
        as("admin", "POST", "/api/tasks/SEC-MINE/assign", "{}", 200);
        as("admin", "POST", "/api/tasks/SEC-THEIRS/assign", "{}", 200);
    }

    @AfterAll
    static void stop() throws Exception {
        gateway.close();
        for (int i = SERVICES.size() - 1; i >= 0; i--) {
            SERVICES.get(i).close();
        }
        Files.deleteIfExists(publicKey);
    }

    @ParameterizedTest(name = "{0} {1} {2} -> {4}")
    @CsvSource(delimiter = '|', textBlock = """
            viewer   | GET    | /api/tasks                       |                                  | 200
            viewer   | GET    | /api/agents                      |                                  | 200
            viewer   | GET    | /api/auth/me                     |                                  | 200
            viewer   | POST   | /api/tasks                       | {"name":"no"}                    | 403
            viewer   | POST   | /api/tasks/SEC-MINE/assign       | {}                               | 403
            viewer   | PUT    | /api/tasks/SEC-MINE/progress     | {"progress":10}                  | 403
            viewer   | POST   | /api/agents                      | {"id":"viewer-made"}             | 403
            viewer   | GET    | /api/audit                       |                                  | 403
            viewer   | GET    | /api/auth/keys                   |                                  | 403
            operator | POST   | /api/tasks                       | {"name":"operator task"}         | 201
            operator | PUT    | /api/tasks/SEC-THEIRS/priority   | {"priority":"P1"}                | 200
            operator | POST   | /api/tasks/queue/next            | {}                               | 200
            operator | PUT    | /api/agents/other-agent/status   | {"status":"ACTIVE"}              | 200
            operator | GET    | /api/audit                       |                                  | 200
            operator | GET    | /api/auth/keys                   |                                  | 403
            operator | POST   | /api/auth/keys                   | {"name":"x","role":"admin"}      | 403
            agent    | GET    | /api/tasks/SEC-MINE              |                                  | 200
            agent    | PUT    | /api/tasks/SEC-MINE/progress     | {"progress":20}                  | 200
            agent    | PUT    | /api/tasks/SEC-THEIRS/progress   | {"progress":20}                  | 403
            agent    | POST   | /api/tasks/SEC-THEIRS/fail       | {"reason":"not mine"}            | 403
            agent    | POST   | /api/tasks/NO-SUCH-TASK/complete | {}                               | 403
            agent    | POST   | /api/agents/sec-agent/heartbeat  | {}                               | 200
            agent    | POST   | /api/agents/other-agent/heartbeat| {}                               | 403
            agent    | PUT    | /api/agents/sec-agent/status     | {"status":"OFFLINE"}             | 403
            agent    | POST   | /api/tasks                       | {"name":"agents do not create"}  | 403
            agent    | POST   | /api/tasks/SEC-MINE/assign       | {}                               | 403
            agent    | GET    | /api/audit                       |                                  | 403
            admin    | GET    | /api/auth/keys                   |                                  | 200
            admin    | GET    | /api/audit?limit=5               |                                  | 200
            admin    | GET    | /api/audit?limit=0               |                                  | 400
            none     | GET    | /api/tasks                       |                                  | 401
            none     | POST   | /api/tasks                       | {"name":"anonymous"}             | 401
            none     | GET    | /api/auth/me                     |                                  | 401
            wrong    | GET    | /api/tasks                       |                                  | 401
            none     | GET    | /actuator/health                 |                                  | 200
            """)
    void eachRoleCallsWhatItMayAndNothingElse(String role, String method, String path, String body, int status) {
        Answer answer = as(role, method, path, body, status);
        if (status == 401 || status == 403) {
            assertThat(answer.json().get("error").asString()).isNotBlank();
            assertThat(answer.json().get("field").asString()).isNotBlank();
        }
    }

    @Test
    void meTellsTheRoleAndPermissions() {
        JsonNode me = as("agent", "GET", "/api/auth/me", null, 200).json();
        assertThat(me.get("principal").asString()).isEqualTo("agent");
        assertThat(me.get("role").asString()).isEqualTo("agent");
        assertThat(me.get("agentId").asString()).isEqualTo("sec-agent");
        assertThat(me.get("permissions").values()).extracting(JsonNode::asString)
                .containsExactlyInAnyOrder("task.read", "task.write", "agent.write");
    }

    @Test
    void aTasksHistoryNamesTheCheckedCallerNotAnActorTheCallerClaims() {
        String id = as("operator", "POST", "/api/tasks", "{\"name\":\"whose cancel\"}", 201).task().get("id")
                .asString();
        Answer cancelled = api.raw("POST", "/api/tasks/" + id + "/cancel", "{\"reason\":\"spoofed\"}",
                "X-API-Key", KEYS.get("operator"), "X-Switchboard-Actor", "mallory");
        assertThat(cancelled.status()).as(cancelled.body()).isEqualTo(200);
        JsonNode history = as("viewer", "GET", "/api/tasks/" + id + "/history", null, 200).json().get("history");
        assertThat(history.get(0).get("actor").asString()).isEqualTo("operator");
        // The decider may assign the task in between: the cancel is the newest line.
        JsonNode cancel = history.get(history.size() - 1);
        assertThat(cancel.get("to").asString()).isEqualTo("CANCELLED");
        assertThat(cancel.get("actor").asString()).isEqualTo("operator");
    }

    @Test
    void anA2aCallIsCheckedAsTheRestCallItStandsFor() {
        JsonNode card = as("none", "GET", "/.well-known/agent-card.json", null, 200).json();
        assertThat(card.get("securitySchemes").get("apiKey").get("name").asString()).isEqualTo("X-API-Key");
        assertThat(card.get("securitySchemes").get("bearer").get("scheme").asString()).isEqualTo("bearer");
        String send = "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"message/send\",\"params\":{\"message\":"
                + "{\"kind\":\"message\",\"role\":\"user\",\"messageId\":\"sec-a2a-1\",\"parts\":[{\"kind\":"
                + "\"text\",\"text\":\"Secured delegation\"}],\"metadata\":{\"capabilities\":[\"sec\"],"
                + "\"priority\":\"P2\"}}}}";
        as("none", "POST", "/a2a", send, 401);
        JsonNode refused = as("viewer", "POST", "/a2a", send, 403).json();
        assertThat(refused.get("id").asInt()).isEqualTo(7);
        assertThat(refused.get("error").get("code").asInt()).isEqualTo(-32600);
        JsonNode sent = as("operator", "POST", "/a2a", send, 200).json().get("result");
        assertThat(sent.get("kind").asString()).isEqualTo("task");
        assertThat(sent.get("status").get("state").asString()).isEqualTo("submitted");
        assertThat(as("viewer", "GET", "/api/tasks/" + sent.get("id").asString(), null, 200).task()
                .get("name").asString()).isEqualTo("Secured delegation");
    }

    @Test
    void anA2aAgentsPushNeedsNoApiKeyItsTokenIsCheckedByTheCallback() {
        // Past security without a key: the callback itself answers (no such task was sent to an A2A agent).
        Answer push = api.raw("POST", "/a2a/push/TASK-NOT-SENT", "{\"id\":\"a2a-1\"}",
                "X-A2A-Notification-Token", "any");
        assertThat(push.status()).as(push.body()).isEqualTo(404);
        assertThat(push.json().get("taskId").asString()).isEqualTo("TASK-NOT-SENT");
        as("none", "POST", "/a2a/push", "{}", 401);
    }

    @Test
    void aKeyCreatedByAnAdminWorksAtOnceAndStopsWhenRevoked() {
        JsonNode created = as("admin", "POST", "/api/auth/keys", "{\"name\":\"ci-bot\",\"role\":\"operator\"}", 201)
                .json().get("apiKey");
        String key = created.get("key").asString();
        assertThat(api.raw("POST", "/api/tasks", "{\"name\":\"from ci\"}", "X-API-Key", key).status())
                .isEqualTo(201);
        assertThat(as("admin", "GET", "/api/auth/keys", null, 200).body()).contains("ci-bot").doesNotContain(key);
        as("admin", "DELETE", "/api/auth/keys/" + created.get("id").asString(), null, 200);
        assertThat(api.raw("GET", "/api/tasks", null, "X-API-Key", key).status()).isEqualTo(401);
        as("admin", "POST", "/api/auth/keys", "{\"name\":\"lost\",\"role\":\"agent\"}", 400);
        as("admin", "POST", "/api/auth/keys", "{\"name\":\"odd\",\"role\":\"superuser\"}", 400);
    }

    @Test
    void bearerTokensCarryTheirRole() throws Exception {
        String operator = token(Map.of("sub", "pipeline", "role", "operator"));
        assertThat(api.raw("POST", "/api/tasks", "{\"name\":\"from a token\"}", "Authorization", "Bearer " + operator)
                .status()).isEqualTo(201);
        String viewer = token(Map.of("sub", "reader", "role", List.of("auditor", "viewer")));
        assertThat(api.raw("POST", "/api/tasks", "{\"name\":\"no\"}", "Authorization", "Bearer " + viewer).status())
                .isEqualTo(403);
        assertThat(api.raw("GET", "/api/tasks", null, "Authorization", "Bearer not-a-token").status())
                .isEqualTo(401);
    }

    @Test
    void eachWriteAndRefusalLeavesExactlyOneAuditEntryThatOutlivesTheGateway() {
        String marker = "AUDIT-" + System.nanoTime();
        as("admin", "POST", "/api/tasks", "{\"id\":\"" + marker + "\",\"name\":\"audited\"}", 201);
        as("operator", "PUT", "/api/tasks/" + marker + "/priority", "{\"priority\":\"P0\"}", 200);
        as("viewer", "POST", "/api/tasks/" + marker + "/cancel", "{\"reason\":\"no\"}", 403);
        as("none", "POST", "/api/tasks/" + marker + "/cancel", "{\"reason\":\"no\"}", 401);
        as("viewer", "GET", "/api/tasks/" + marker, null, 200);

        await().atMost(Duration.ofSeconds(20)).until(() -> entriesFor(marker).size() == 3);
        List<JsonNode> entries = entriesFor(marker);
        assertThat(entries).extracting(e -> e.get("event").asString() + " " + e.get("principal").asString() + " "
                        + e.get("role").asString(null) + " " + e.get("action").asString() + " " + e.get("status").asInt())
                .containsExactly(
                        "authentication_failed unknown null task.write 401",
                        "permission_denied viewer viewer task.write 403",
                        "permission_granted operator operator task.write 200");
        assertThat(entries.get(0).get("timestamp").asString()).isNotBlank();
        assertThat(entries.get(0).get("requestId").asString()).isNotBlank();

        gateway.close();
        gateway = startGateway("1000");
        api = new Api(port(gateway));
        await().atMost(Duration.ofSeconds(20)).until(() -> entriesFor(marker).size() == 3);
    }

    @Test
    void aKeyInTheUrlOpensOnlyTheLiveEventHandshakes() throws Exception {
        Answer write = api.raw("POST", "/api/tasks?apiKey=" + KEYS.get("admin"), "{\"name\":\"keyed by url\"}");
        assertThat(write.status()).isEqualTo(401);
        assertThat(write.json().get("error").asString()).contains("X-API-Key header");
        assertThat(api.raw("GET", "/api/tasks?apiKey=" + KEYS.get("viewer"), null).status()).isEqualTo(401);
        assertThat(api.raw("GET", "/api/tasks?access_token=" + token(Map.of("sub", "u", "role", "viewer")), null)
                .json().get("error").asString()).contains("Authorization header");

        HttpClient http = HttpClient.newHttpClient();
        WebSocket.Listener ignore = new WebSocket.Listener() { };
        WebSocket socket = http.newWebSocketBuilder().buildAsync(URI.create("ws://localhost:" + port(gateway)
                + "/ws?apiKey=" + KEYS.get("viewer")), ignore).get(10, TimeUnit.SECONDS);
        socket.abort();
        assertThatThrownBy(() -> http.newWebSocketBuilder().buildAsync(URI.create("ws://localhost:"
                + port(gateway) + "/ws"), ignore).get(10, TimeUnit.SECONDS)).as("no key, no live events")
                .hasCauseInstanceOf(WebSocketHandshakeException.class);
    }

    @Test
    void aCredentialOverItsRateLimitGets429UntilTheWindowTurns() {
        // 3 requests per 10 s: wide enough that a slow machine still sends the fourth inside the window.
        ConfigurableApplicationContext limited = startGateway("3", "10s");
        try {
            Api slow = new Api(port(limited));
            List<Answer> answers = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                answers.add(slow.raw("GET", "/api/tasks/SEC-MINE", null, "X-API-Key", KEYS.get("viewer")));
            }
            assertThat(answers).extracting(Answer::status).containsExactly(200, 200, 200, 429);
            Answer refused = answers.get(3);
            assertThat(Integer.parseInt(refused.header("Retry-After"))).isBetween(1, 10);
            assertThat(refused.json().get("error").asString()).contains("Too many requests");
            // Another credential has its own allowance.
            assertThat(slow.raw("GET", "/api/tasks/SEC-MINE", null, "X-API-Key", KEYS.get("admin")).status())
                    .isEqualTo(200);
            await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(500)).until(() ->
                    slow.raw("GET", "/api/tasks/SEC-MINE", null, "X-API-Key", KEYS.get("viewer")).status() == 200);
        } finally {
            limited.close();
        }
    }

    @Test
    void aTrustedNetworksAnonymousRoleLetsSeedEraClientsWorkAndNoMore() {
        assertThatThrownBy(() -> startGateway("1000", "1s", "--switchboard.security.anonymous-role=operator"))
                .as("not on loopback, not confirmed").hasStackTraceContaining("anonymous-role-confirmed=true");
        assertThatThrownBy(() -> startGateway("1000", "1s", "--switchboard.security.anonymous-role=admin",
                "--server.address=localhost")).hasStackTraceContaining("must be viewer or operator");
        ConfigurableApplicationContext trusted = startGateway("1000", "1s",
                "--switchboard.security.anonymous-role=operator", "--server.address=localhost");
        try {
            Api seedClient = new Api(port(trusted));
            assertThat(seedClient.post("/api/tasks", "{\"id\":\"SEC-ANON\",\"name\":\"From a seed-era client\","
                    + "\"requiredCapabilities\":[\"mine\"],\"assignmentMode\":\"MANUAL\"}").status()).isEqualTo(201);
            Answer assigned = seedClient.post("/api/tasks/SEC-ANON/assign", null);
            assertThat(assigned.status()).as(assigned.body()).isEqualTo(200);
            JsonNode me = seedClient.get("/api/auth/me").json();
            assertThat(me.get("role").asString()).isEqualTo("operator");
            assertThat(me.get("anonymous").asBoolean()).isTrue();
            assertThat(seedClient.get("/api/auth/keys").status())
                    .as("an operator's rights, no more: beyond them, a credential is asked for").isEqualTo(401);
            assertThat(api.post("/api/tasks", "{\"name\":\"anonymous\"}").status())
                    .as("a gateway without the setting still refuses").isEqualTo(401);
        } finally {
            trusted.close();
        }
    }

    private static List<JsonNode> entriesFor(String marker) {
        JsonNode audit = as("admin", "GET", "/api/audit?limit=1000", null, 200).json();
        List<JsonNode> mine = new ArrayList<>();
        audit.get("entries").forEach(e -> {
            if (e.get("target").asString().contains(marker)) {
                mine.add(e);
            }
        });
        return mine;
    }

    private static Answer as(String role, String method, String path, String body, int expected) {
        String[] headers = switch (role) {
            case "none" -> new String[0];
            case "wrong" -> new String[] {"X-API-Key", "not-a-key"};
            default -> new String[] {"X-API-Key", KEYS.get(role)};
        };
        Answer answer = api.raw(method, path, body, headers);
        assertThat(answer.status()).as(role + " " + method + " " + path + ": " + answer.body()).isEqualTo(expected);
        return answer;
    }

    private static String token(Map<String, Object> claims) throws Exception {
        JWTClaimsSet.Builder set = new JWTClaimsSet.Builder().expirationTime(Date.from(Instant.now().plusSeconds(600)));
        claims.forEach(set::claim);
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), set.build());
        jwt.sign(new RSASSASigner(signing.getPrivate()));
        return jwt.serialize();
    }

    private static ConfigurableApplicationContext startGateway(String requests) {
        return startGateway(requests, "1s");
    }

    private static ConfigurableApplicationContext startGateway(String requests, String period, String... extra) {
        List<String> args = new ArrayList<>(List.of("--server.port=0",
                "--spring.kafka.bootstrap-servers=" + KafkaTestBroker.bootstrapServers(),
                "--switchboard.topic-prefix=" + PREFIX, "--switchboard.gateway.socket-io-port=" + FreePorts.next(),
                "--switchboard.gateway.tasks-url=http://localhost:" + port(SERVICES.get(0)),
                "--switchboard.gateway.agents-url=http://localhost:" + port(SERVICES.get(1)),
                "--switchboard.gateway.assignment-url=http://localhost:" + port(SERVICES.get(2)),
                "--switchboard.security.rate-limit.requests=" + requests,
                "--switchboard.security.rate-limit.period=" + period,
                "--spring.security.oauth2.resourceserver.jwt.public-key-location=file:" + publicKey));
        int i = 0;
        for (String role : List.of("admin", "operator", "agent", "viewer")) {
            args.add("--switchboard.security.keys[" + i + "].name=" + role);
            args.add("--switchboard.security.keys[" + i + "].role=" + role);
            args.add("--switchboard.security.keys[" + i + "].sha256=" + ApiKeySecrets.sha256(KEYS.get(role)));
            if (role.equals("agent")) {
                args.add("--switchboard.security.keys[" + i + "].agent-id=sec-agent");
            }
            i++;
        }
        args.addAll(List.of(extra));
        return GatewayApplication.application().run(args.toArray(String[]::new));
    }

    private static String[] args(String instance) {
        return new String[] {"--server.port=0", "--spring.kafka.bootstrap-servers=" + KafkaTestBroker.bootstrapServers(),
                "--switchboard.topic-prefix=" + PREFIX, "--switchboard.instance-id=" + PREFIX + instance};
    }

    private static int port(ConfigurableApplicationContext context) {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }
}
