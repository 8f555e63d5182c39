package io.switchboard.dashboard.e2e;

import io.switchboard.agent.AgentRegistryApplication;
import io.switchboard.assignment.AssignmentApplication;
import io.switchboard.demo.DemoLoader;
import io.switchboard.gateway.GatewayApplication;
import io.switchboard.gateway.security.ApiKeySecrets;
import io.switchboard.sla.SlaMonitorApplication;
import io.switchboard.task.TaskServiceApplication;
import io.switchboard.testing.http.Api;
import io.switchboard.testing.kafka.KafkaTestBroker;
import io.switchboard.testing.kafka.WithKafka;
import io.switchboard.testing.stack.ServiceStack;
import org.junit.jupiter.api.Test;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

/**
 * The dashboard in a real browser against the whole system: task-service, the agent registry, assignment, the SLA
 * monitor and the gateway in this JVM on a real Kafka broker, the demo data loaded through the gateway's public API
 * by the demo loader, then {@code dashboard/e2e/dashboard.e2e.mjs} (playwright-core driving Debian's chromium) in a
 * child process. The script checks the page and prints what it measured as JSON; this test asserts on that too.
 *
 * <p>Needs {@code node} and a chromium ({@code /usr/bin/chromium}, or {@code CHROMIUM_PATH}); {@code .ci/run}
 * installs Debian's chromium when it is missing. Without one the test is skipped, saying why.
 */
@WithKafka
class DashboardInBrowserTest {

    private static final String PREFIX = "dash-e2e-";
    private static final String ADMIN_KEY = "e2e-admin-key-0001";
    private static final String VIEWER_KEY = "e2e-viewer-key-0001";
    private static final Path DASHBOARD = Path.of(System.getProperty("switchboard.dashboard.dir", "../dashboard"));
    private static final Path DEMO = Path.of(System.getProperty("switchboard.demo.file", "../demo/demo-data.json"));
    /** Finished tasks imported beside the demo: more than two pages of the list. */
    private static final int HISTORY_TASKS = 250;
    private static final Path OUT = Path.of(System.getProperty("switchboard.e2e.out", "target/e2e"));

    @Test
    void thePageShowsTheDemoAndFollowsItLive() throws Exception {
        String chromium = System.getenv().getOrDefault("CHROMIUM_PATH", "/usr/bin/chromium");
        assumeThat(new File(chromium).canExecute())
                .as("no chromium at %s: install it (apt-get install -y chromium) or set CHROMIUM_PATH", chromium).isTrue();
        assertThat(DASHBOARD.resolve("node_modules/playwright-core")).as("the dashboard's npm ci ran").isDirectory();

        List<ConfigurableApplicationContext> services = new ArrayList<>();
        try {
            services.add(TaskServiceApplication.application().run(args("tasks")));
            services.add(AgentRegistryApplication.application().run(args("agents")));
            services.add(AssignmentApplication.application().run(args("assignment")));
            services.add(SlaMonitorApplication.application().run(args("sla")));
            ConfigurableApplicationContext gateway = GatewayApplication.application().run("--server.port=0",
                    "--spring.kafka.bootstrap-servers=" + KafkaTestBroker.bootstrapServers(),
                    "--switchboard.topic-prefix=" + PREFIX, "--switchboard.gateway.socket-io-port=" + ServiceStack.freePort(),
                    "--switchboard.gateway.tasks-url=http://localhost:" + port(services.get(0)),
                    "--switchboard.gateway.agents-url=http://localhost:" + port(services.get(1)),
                    "--switchboard.gateway.assignment-url=http://localhost:" + port(services.get(2)),
                    "--switchboard.gateway.sla-url=http://localhost:" + port(services.get(3)),
                    // As the local run: reads open, writes with the admin key the page is signed in with.
                    "--switchboard.security.anonymous-reads=true",
                    "--switchboard.security.keys[0].name=e2e-admin", "--switchboard.security.keys[0].role=admin",
                    "--switchboard.security.keys[0].sha256=" + ApiKeySecrets.sha256(ADMIN_KEY),
                    "--switchboard.security.keys[1].name=e2e-viewer", "--switchboard.security.keys[1].role=viewer",
                    "--switchboard.security.keys[1].sha256=" + ApiKeySecrets.sha256(VIEWER_KEY));
            services.add(gateway);
            String base = "http://localhost:" + port(gateway);
            String url = base + "/";

            // Straight to the services, which have no gateway token here (./switchboard up loads through the gateway).
            ChildRun loader = ChildRun.of(List.of(ChildRun.java(), "-cp", System.getProperty("java.class.path"),
                    DemoLoader.class.getName(),
                    "--tasks-url", "http://localhost:" + port(services.get(0)),
                    "--agents-url", "http://localhost:" + port(services.get(1)), DEMO.toAbsolutePath().toString()),
                    Path.of("."), 120);
            assertThat(loader.exit()).as("demo loader: %s", loader.output()).isZero();
            Api api = new Api(port(gateway));
            await().atMost(Duration.ofSeconds(30)).until(() -> api.get("/api/tasks").json().get("count").asInt() == 10
                    && api.get("/api/agents").json().get("count").asInt() == 6);

            // Finished work from before, more than a page of it: the page lists one page and counts every task.
            Api tasks = new Api(port(services.get(0)));
            for (int i = 1; i <= HISTORY_TASKS; i++) {
                assertThat(tasks.post("/api/tasks/import", "{\"id\":\"DONE-" + i + "\",\"name\":\"Finished job " + i
                        + "\",\"priority\":\"P3\",\"status\":\"COMPLETED\",\"requiredCapabilities\":[\"testing\"]}").status())
                        .isEqualTo(201);
            }
            await().atMost(Duration.ofSeconds(30)).until(() ->
                    api.get("/api/tasks?limit=1").json().get("total").asInt() == 10 + HISTORY_TASKS);

            // One assignment request through the whole decider path that changes nothing (no agent can do
            // TASK-010): the first request of a fresh JVM pays for class loading, which is not the page's doing.
            long warm = System.nanoTime();
            assertThat(api.post("/api/tasks/TASK-010/assign", "{}", "X-API-Key", ADMIN_KEY).status()).isEqualTo(404);
            System.out.printf("dashboard e2e: first assignment request (cold) %d ms%n",
                    (System.nanoTime() - warm) / 1_000_000);

            Files.createDirectories(OUT);
            ProcessBuilder browser = new ProcessBuilder("node", "e2e/dashboard.e2e.mjs");
            browser.environment().put("DASHBOARD_URL", url);
            browser.environment().put("SCREENSHOT_DIR", OUT.toAbsolutePath().toString());
            browser.environment().put("CHROMIUM_PATH", chromium);
            browser.environment().put("API_KEY", ADMIN_KEY);
            browser.environment().put("VIEWER_KEY", VIEWER_KEY);
            ChildRun script = ChildRun.of(browser, DASHBOARD, 180);
            Files.writeString(OUT.resolve("result.txt"), script.output());
            JsonNode result = script.lastLineJson();
            assertThat(script.exit()).as("the script's output:%n%s", script.output()).isZero();
            assertThat(result.get("ok").asBoolean()).isTrue();
            assertThat(result.get("assignShownMs").asLong()).isLessThanOrEqualTo(1000);
            assertThat(result.get("consoleErrors").size()).as("console errors: %s", result.get("consoleErrors")).isZero();
            assertThat(OUT.resolve("dashboard.png")).isNotEmptyFile();
            assertThat(OUT.resolve("dashboard-phone.png")).isNotEmptyFile();
            // What the browser did is what the system holds.
            JsonNode assigned = api.get("/api/tasks/TASK-007").json().get("task");
            assertThat(assigned.get("status").asString()).isEqualTo("ASSIGNED");
            assertThat(assigned.get("agent").asString()).isEqualTo("agent-qr-feature");
            System.out.printf("dashboard e2e: first tasks after %d ms, assign shown after %d ms (its request %d ms), "
                            + "progress shown after %d ms; screenshots in %s%n", result.get("firstTasksMs").asLong(),
                    result.get("assignShownMs").asLong(), result.get("assignRequestMs").asLong(),
                    result.get("progressShownMs").asLong(), OUT.toAbsolutePath());
        } finally {
            for (int i = services.size() - 1; i >= 0; i--) {
                services.get(i).close();
            }
        }
    }

    private static String[] args(String instance) {
        return new String[] {"--server.port=0", "--spring.kafka.bootstrap-servers=" + KafkaTestBroker.bootstrapServers(),
                "--switchboard.topic-prefix=" + PREFIX, "--switchboard.instance-id=" + PREFIX + instance};
    }

    private static int port(ConfigurableApplicationContext context) {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }
}
