package io.switchboard.dashboard.e2e;

import io.switchboard.agent.AgentRegistryApplication;
import io.switchboard.assignment.AssignmentApplication;
import io.switchboard.demo.DemoLoader;
import io.switchboard.gateway.GatewayApplication;
import io.switchboard.gateway.security.ApiKeySecrets;
import io.switchboard.sla.SlaMonitorApplication;
import io.switchboard.task.TaskServiceApplication;
import io.switchboard.testing.http.Api;
import io.switchboard.testing.kafka.WithKafka;
import io.switchboard.testing.stack.ServiceStack;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

/**
 * A page written against the seed server's API ({@code src/test/node/seed-page.html}: exactly the seed's calls and
 * fields, the npm socket.io-client, no credentials) in chromium against the whole system with the demo data, the
 * gateway giving callers without a credential the operator role as a trusted network's setting: its metric cards
 * equal the delegation report, its Assign and "Process Next Task" buttons work and the page follows them live, the
 * activity list fills ({@code src/test/node/seed-page.e2e.mjs} checks the page; this test asserts on what it printed).
 */
@WithKafka
class SeedPageInBrowserTest {

    private static final String ADMIN_KEY = "seed-page-admin-key-01";
    private static final Path SCRIPTS = Path.of(System.getProperty("switchboard.seed-page.dir", "src/test/node"));
    private static final Path DEMO = Path.of(System.getProperty("switchboard.demo.file", "../demo/demo-data.json"));
    private static final Path OUT = Path.of(System.getProperty("switchboard.e2e.out", "target/e2e"));

    @Test
    void aSeedEraPageWorksUnchangedAgainstTheGateway() throws Exception {
        String chromium = System.getenv().getOrDefault("CHROMIUM_PATH", "/usr/bin/chromium");
        assumeThat(new File(chromium).canExecute())
                .as("no chromium at %s: install it (apt-get install -y chromium) or set CHROMIUM_PATH", chromium).isTrue();
        assertThat(SCRIPTS.resolve("node_modules/playwright-core")).as("this module's npm ci ran").isDirectory();

        try (ServiceStack stack = new ServiceStack("seed-page-", null)) {
            stack.start("tasks", TaskServiceApplication.application());
            stack.start("agents", AgentRegistryApplication.application());
            stack.start("assignment", AssignmentApplication.application());
            stack.start("sla", SlaMonitorApplication.application());
            stack.startGateway(GatewayApplication.application(), "--server.address=localhost",
                    "--switchboard.security.anonymous-reads=true",
                    "--switchboard.security.anonymous-role=operator",
                    "--switchboard.security.keys[0].name=seed-page-admin",
                    "--switchboard.security.keys[0].role=admin",
                    "--switchboard.security.keys[0].sha256=" + ApiKeySecrets.sha256(ADMIN_KEY));
            ChildRun loader = ChildRun.of(List.of(ChildRun.java(), "-cp", System.getProperty("java.class.path"),
                    DemoLoader.class.getName(), "--tasks-url", stack.url("tasks"), "--agents-url", stack.url("agents"),
                    DEMO.toAbsolutePath().toString()), Path.of("."), 120);
            assertThat(loader.exit()).as("demo loader: %s", loader.output()).isZero();
            Api api = stack.api("gateway");
            await().atMost(Duration.ofSeconds(30)).until(() -> api.get("/api/tasks").json().get("count").asInt() == 10
                    && api.get("/api/agents").json().get("count").asInt() == 6);

            Files.createDirectories(OUT);
            ProcessBuilder browser = new ProcessBuilder("node", "seed-page.e2e.mjs");
            browser.environment().put("GATEWAY_URL", stack.url("gateway"));
            browser.environment().put("SCREENSHOT_DIR", OUT.toAbsolutePath().toString());
            browser.environment().put("CHROMIUM_PATH", chromium);
            browser.environment().put("API_KEY", ADMIN_KEY);
            ChildRun script = ChildRun.of(browser, SCRIPTS, 180);
            Files.writeString(OUT.resolve("seed-page-result.txt"), script.output());
            JsonNode result = script.lastLineJson();
            assertThat(script.exit()).as("the script's output:%n%s", script.output()).isZero();
            assertThat(result.get("ok").asBoolean()).isTrue();
            assertThat(OUT.resolve("seed-page.png")).isNotEmptyFile();
            // What the page did without a credential is what the system holds.
            JsonNode assigned = api.get("/api/tasks/TASK-007").json().get("task");
            assertThat(assigned.get("status").asString()).isEqualTo("ASSIGNED");
            assertThat(assigned.get("agent").asString()).isEqualTo("agent-qr-feature");
            String next = result.get("processedNext").get("task").asString();
            assertThat(api.get("/api/tasks/" + next).json().get("task").get("status").asString()).isEqualTo("ASSIGNED");
            System.out.printf("seed page: Assign shown after %d ms; Process Next took %s; screenshot in %s%n",
                    result.get("assignShownMs").asLong(), next, OUT.toAbsolutePath());
        }
    }
}
