package io.switchboard.gateway.dashboard;

import io.switchboard.gateway.GatewayApplication;
import io.switchboard.testing.http.Api;
import io.switchboard.testing.http.Api.Answer;
import io.switchboard.testing.kafka.KafkaTestBroker;
import io.switchboard.testing.kafka.WithKafka;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboard is part of the gateway: {@code /} answers its index.html, its hashed assets are served, and the API
 * routes keep their paths (no route shadows the page, the page shadows no route).
 */
@WithKafka
class DashboardServedTest {

    private static ConfigurableApplicationContext gateway;
    private static Api api;

    @BeforeAll
    static void start() {
        gateway = GatewayApplication.application().run("--server.port=0",
                "--switchboard.gateway.socket-io-port=" + freePort(),
                "--spring.kafka.bootstrap-servers=" + KafkaTestBroker.bootstrapServers(),
                "--switchboard.topic-prefix=dashboard-served-",
                // As locally: reads open without a key (the page itself is public either way).
                "--switchboard.security.anonymous-reads=true",
                // Nothing listens behind the gateway: the API answers 503, the page does not need it.
                "--switchboard.gateway.tasks-url=http://localhost:" + freePort(),
                "--switchboard.gateway.agents-url=http://localhost:" + freePort(),
                "--switchboard.gateway.assignment-url=http://localhost:" + freePort(),
                "--switchboard.gateway.sla-url=http://localhost:" + freePort());
        api = new Api(((WebServerApplicationContext) gateway).getWebServer().getPort());
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    @Test
    void theRootAnswersTheDashboardPage() {
        Answer root = api.raw("GET", "/", null, "Accept", "text/html");
        assertThat(root.status()).isEqualTo(200);
        assertThat(root.header("Content-Type")).startsWith("text/html");
        assertThat(root.body()).contains("<div id=\"root\"></div>").contains("Task Orchestration");
        assertThat(root.header("Cache-Control")).isEqualTo("no-cache");

        assertThat(api.raw("GET", "/index.html", null).status()).isEqualTo(200);
    }

    @Test
    void itsAssetsAreServed() {
        String html = api.raw("GET", "/", null, "Accept", "text/html").body();
        Matcher script = Pattern.compile("src=\"(/assets/[^\"]+\\.js)\"").matcher(html);
        Matcher style = Pattern.compile("href=\"(/assets/[^\"]+\\.css)\"").matcher(html);
        assertThat(script.find()).as("a script in %s", html).isTrue();
        assertThat(style.find()).as("a stylesheet in %s", html).isTrue();
        Answer js = api.raw("GET", script.group(1), null);
        assertThat(js.status()).isEqualTo(200);
        assertThat(js.header("Content-Type")).contains("javascript");
        assertThat(js.header("Cache-Control")).isEqualTo("public, max-age=31536000, immutable");
        Answer missing = api.raw("GET", "/assets/none.js", null);
        assertThat(missing.status()).isEqualTo(404);
        // A missing asset is never cached for a year (Spring Security's no-store may be there).
        assertThat(missing.header("Cache-Control")).isNotEqualTo(DashboardCaching.ASSETS);
        assertThat(api.raw("GET", style.group(1), null).status()).isEqualTo(200);
    }

    @Test
    void theApiKeepsItsPaths() {
        // Routed to task-service, which is down here: the gateway's JSON 503, not the page.
        Answer tasks = api.get("/api/tasks");
        assertThat(tasks.status()).isEqualTo(503);
        assertThat(tasks.body()).doesNotContain("<html");
        // A path that nothing serves is a 404, not the page (no catch-all that would hide mistakes).
        assertThat(api.raw("GET", "/no/such/page", null).status()).isEqualTo(404);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
