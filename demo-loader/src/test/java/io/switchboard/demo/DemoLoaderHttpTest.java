package io.switchboard.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The loader against a stub of the task API and agent registry on a real socket, with the
 * create/import semantics of the task service: 201 new, 200 same content, 409 on the id otherwise;
 * as a gateway, it also refuses a write without the right API key (401).
 */
class DemoLoaderHttpTest {

    private static final JsonMapper JSON = JsonMapper.shared();
    private static final String DEMO_FILE = Path.of("..", "demo", "demo-data.json").toString();

    private HttpServer server;
    private String baseUrl;
    private final Map<String, JsonNode> tasks = new ConcurrentHashMap<>();
    private final Map<String, JsonNode> agents = new ConcurrentHashMap<>();
    private final List<String> calls = new CopyOnWriteArrayList<>();
    private volatile String failTaskId;
    /** When set, the stub acts as the gateway: a write without this X-API-Key answers 401. */
    private volatile String requiredKey;
    private final List<String> keysSeen = new CopyOnWriteArrayList<>();

    @BeforeEach
    void startStub() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/api/tasks", exchange -> store(exchange, tasks, "task"));
        server.createContext("/api/agents", exchange -> store(exchange, agents, "agent"));
        server.start();
        baseUrl = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stopStub() {
        server.stop(0);
    }

    private void store(HttpExchange exchange, Map<String, JsonNode> store, String noun) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            calls.add(exchange.getRequestMethod() + " " + path);
            String key = exchange.getRequestHeaders().getFirst("X-API-Key");
            keysSeen.add(String.valueOf(key));
            if (requiredKey != null && !requiredKey.equals(key)) {
                answer(exchange, 401, "{\"success\":false,\"error\":\"A valid API key (X-API-Key) or bearer token"
                        + " is required\",\"field\":\"X-API-Key\"}");
                return;
            }
            boolean known = path.equals("/api/tasks") || path.equals("/api/tasks/import") || path.equals("/api/agents");
            if (!"POST".equals(exchange.getRequestMethod()) || !known) {
                answer(exchange, 404, "{\"error\":\"not found\"}");
                return;
            }
            JsonNode body = JSON.readTree(exchange.getRequestBody().readAllBytes());
            String id = body.get("id").asString();
            if (id.equals(failTaskId)) {
                answer(exchange, 400, "{\"error\":\"priority is invalid\",\"field\":\"priority\"}");
                return;
            }
            JsonNode previous = store.putIfAbsent(id, body);
            if (previous == null) {
                answer(exchange, 201, "{\"success\":true,\"" + noun + "\":" + body + "}");
            } else if (previous.equals(body)) {
                answer(exchange, 200, "{\"success\":true,\"" + noun + "\":" + body + "}");
            } else {
                answer(exchange, 409, "{\"error\":\"" + noun + " " + id + " already exists\",\"field\":\"id\",\"taskId\":\"" + id + "\"}");
            }
        }
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private record Run(int exitCode, String out, String err) {
    }

    private static Run load(String... args) {
        return loadWith(Map.of(), args);
    }

    private static Run loadWith(Map<String, String> env, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = DemoLoader.run(args, env, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void throughTheGatewayEveryCallCarriesTheKeyFromTheEnvironment() {
        requiredKey = "sbk_demo-admin";

        Run run = loadWith(Map.of("SWITCHBOARD_API_KEY", "sbk_demo-admin"), "--gateway", baseUrl, DEMO_FILE);

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("demo: 10 tasks (10 new, 0 already there), 6 agents (6 new, 0 already there)");
        assertThat(calls).hasSize(16);
        assertThat(keysSeen).hasSize(16).containsOnly("sbk_demo-admin");
        assertThat(run.out() + run.err()).doesNotContain("sbk_demo-admin");
    }

    @Test
    void withoutAKeyTheGatewayRefusesAndTheLoaderSaysWhichVariable() {
        requiredKey = "sbk_demo-admin";

        Run missing = loadWith(Map.of(), "--gateway", baseUrl, DEMO_FILE);
        Run wrong = loadWith(Map.of("SWITCHBOARD_API_KEY", "sbk_wrong"), "--gateway", baseUrl, DEMO_FILE);

        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.err()).contains("answered 401").contains("SWITCHBOARD_API_KEY is not set");
        assertThat(wrong.exitCode()).isEqualTo(1);
        assertThat(wrong.err()).contains("the key in SWITCHBOARD_API_KEY was refused").doesNotContain("sbk_wrong");
        assertThat(tasks).isEmpty();
        assertThat(agents).isEmpty();
    }

    @Test
    void loadsTasksThenASecondRunChangesNothing() {
        Run first = load("--tasks-url", baseUrl + "/", DEMO_FILE);

        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(first.out()).contains("demo: 10 tasks (10 new, 0 already there), 0 agents");
        assertThat(tasks).hasSize(10);
        assertThat(agents).isEmpty();
        assertThat(calls).filteredOn("POST /api/tasks"::equals).hasSize(4);
        assertThat(calls).filteredOn("POST /api/tasks/import"::equals).hasSize(6);
        assertThat(tasks.get("TASK-001").get("status").asString()).isEqualTo("IN_PROGRESS");
        assertThat(tasks.get("TASK-001").get("agent").asString()).isEqualTo("antigravity-main");

        Map<String, JsonNode> before = Map.copyOf(tasks);
        Run second = load("--tasks-url", baseUrl, DEMO_FILE);

        assertThat(second.exitCode()).as(second.err()).isZero();
        assertThat(second.out()).contains("demo: 10 tasks (0 new, 10 already there)");
        assertThat(tasks).isEqualTo(before);
    }

    @Test
    void registersAgentsFirstWhenTheRegistryIsGiven() {
        Run run = load("--tasks-url", baseUrl, "--agents-url", baseUrl, DEMO_FILE);

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("demo: 10 tasks (10 new, 0 already there), 6 agents (6 new, 0 already there)");
        assertThat(agents).containsKeys("antigravity-main", "copilot-agent");
        assertThat(calls.subList(0, 6)).allMatch("POST /api/agents"::equals);
    }

    @Test
    void aTaskMovedOnSinceTheLastLoadIsLeftAlone() {
        assertThat(load("--tasks-url", baseUrl, DEMO_FILE).exitCode()).isZero();
        ObjectNode moved = (ObjectNode) tasks.get("TASK-005").deepCopy();
        moved.put("assignmentMode", "AUTO");
        tasks.put("TASK-005", moved);

        Run run = load("--tasks-url", baseUrl, DEMO_FILE);

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("task TASK-005 already exists").contains("10 tasks (0 new, 10 already there)");
        assertThat(tasks.get("TASK-005")).isEqualTo(moved);
    }

    @Test
    void anyOtherAnswerStopsWithTheResponseAndExitCode1() {
        failTaskId = "TASK-003";

        Run run = load("--tasks-url", baseUrl, DEMO_FILE);

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("task TASK-003").contains("answered 400").contains("priority is invalid");
        assertThat(tasks).containsOnlyKeys("TASK-001", "TASK-002");
    }

    @Test
    void unreachableServiceIsExitCode1() throws IOException {
        String closed;
        try (var socket = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = "http://127.0.0.1:" + socket.getLocalPort();
        }

        Run run = load("--tasks-url", closed, DEMO_FILE);

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("cannot reach");
    }

    @Test
    void badUsageIsExitCode2() {
        assertThat(load(DEMO_FILE).exitCode()).isEqualTo(2);
        assertThat(load("--tasks-url", "localhost:8081", DEMO_FILE).exitCode()).isEqualTo(2);
        assertThat(load("--tasks-url", baseUrl, "no-such-file.json").exitCode()).isEqualTo(2);
        assertThat(load("--gateway", baseUrl, "--tasks-url", baseUrl, DEMO_FILE).exitCode()).isEqualTo(2);
        assertThat(load("--gateway", "localhost:8080", DEMO_FILE).exitCode()).isEqualTo(2);
        assertThat(load("--help").exitCode()).isZero();
        assertThat(calls).isEmpty();
    }
}
