package io.switchboard.agent.api;

import com.sun.net.httpserver.HttpServer;
import io.a2a.spec.AgentCapabilities;
import io.a2a.spec.AgentCard;
import io.a2a.spec.AgentSkill;
import io.a2a.util.Utils;
import io.switchboard.agent.support.Services;
import io.switchboard.testing.http.Api;
import io.switchboard.testing.http.Api.Answer;
import io.switchboard.testing.kafka.WithKafka;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code POST /api/agents {"a2a": {"cardUrl": ...}}}: an agent registered from its A2A agent card, served by HTTP. */
@WithKafka
class RegisterFromAgentCardTest {

    private static Services.Running registry;
    private static Api api;
    private static HttpServer cards;

    @BeforeAll
    static void start() throws Exception {
        registry = Services.registry("agent-card-", "agent-card-1", null);
        api = registry.api();
        cards = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        cards.createContext("/.well-known/agent-card.json", exchange -> {
            byte[] body = Utils.OBJECT_MAPPER.writeValueAsString(card()).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        cards.createContext("/not-a-card", exchange -> {
            byte[] body = "{\"hello\":1}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        cards.start();
    }

    @AfterAll
    static void stop() {
        cards.stop(0);
        registry.close();
    }

    private static AgentCard card() {
        return new AgentCard.Builder().name("Research Agent").description("Finds and summarises sources")
                .url("http://127.0.0.1:" + cards.getAddress().getPort() + "/a2a").version("1.2.0")
                .protocolVersion("0.3.0").capabilities(new AgentCapabilities.Builder().streaming(true).build())
                .defaultInputModes(List.of("text/plain")).defaultOutputModes(List.of("text/plain"))
                .skills(List.of(
                        new AgentSkill.Builder().id("research").name("Research").description("Finds sources")
                                .tags(List.of("web", "summaries")).build(),
                        new AgentSkill.Builder().id("summaries").name("Summaries").description("Summarises")
                                .tags(List.of("writing")).build()))
                .build();
    }

    private static String cardUrl(String path) {
        return "http://127.0.0.1:" + cards.getAddress().getPort() + path;
    }

    @Test
    void theCardsSkillsAndTagsBecomeCapabilitiesAndItsNameNamesTheAgent() {
        Answer created = api.post("/api/agents", "{\"a2a\":{\"cardUrl\":\"" + cardUrl("/.well-known/agent-card.json")
                + "\"},\"maxConcurrentTasks\":4}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        JsonNode agent = created.json().get("agent");
        assertThat(agent.get("id").asString()).isEqualTo("research-agent");
        assertThat(agent.get("name").asString()).isEqualTo("Research Agent");
        assertThat(agent.get("maxConcurrentTasks").asInt()).isEqualTo(4);
        assertThat(agent.get("capabilities").values()).extracting(JsonNode::asString)
                .containsExactly("research", "web", "summaries", "writing");
        JsonNode a2a = agent.get("a2a");
        assertThat(a2a.get("url").asString()).isEqualTo(cardUrl("/a2a"));
        assertThat(a2a.get("description").asString()).isEqualTo("Finds and summarises sources");
        assertThat(a2a.get("streaming").asBoolean()).isTrue();
        assertThat(a2a.get("protocolVersion").asString()).isEqualTo("0.3.0");
        JsonNode read = api.get("/api/agents/research-agent").json().get("agent");
        assertThat(read.get("a2a").get("cardUrl").asString()).isEqualTo(cardUrl("/.well-known/agent-card.json"));
    }

    @Test
    void theCallersOwnIdNameAndCapabilitiesWinOverTheCards() {
        Answer created = api.post("/api/agents", "{\"id\":\"researcher-2\",\"name\":\"Second\","
                + "\"capabilities\":[\"research\"],\"a2a\":{\"cardUrl\":\""
                + cardUrl("/.well-known/agent-card.json") + "\"}}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        JsonNode agent = created.json().get("agent");
        assertThat(agent.get("id").asString()).isEqualTo("researcher-2");
        assertThat(agent.get("name").asString()).isEqualTo("Second");
        assertThat(agent.get("capabilities").values()).extracting(JsonNode::asString).containsExactly("research");
        assertThat(agent.get("a2a").get("url").asString()).isEqualTo(cardUrl("/a2a"));
    }

    @Test
    void aCardThatCannotBeReadIsA400NamingTheCardUrlAndRegistersNothing() {
        assertThat(error("{\"a2a\":{}}")).isEqualTo("a2a.cardUrl");
        assertThat(error("{\"a2a\":\"http://x\"}")).isEqualTo("a2a");
        assertThat(error("{\"a2a\":{\"cardUrl\":\"ftp://example.org/card\"}}")).isEqualTo("a2a.cardUrl");
        assertThat(error("{\"a2a\":{\"cardUrl\":\"" + cardUrl("/nothing-here") + "\"}}")).isEqualTo("a2a.cardUrl");
        assertThat(error("{\"id\":\"no-card\",\"a2a\":{\"cardUrl\":\"" + cardUrl("/not-a-card") + "\"}}"))
                .isEqualTo("a2a.cardUrl");
        assertThat(error("{\"a2a\":{\"cardUrl\":\"http://127.0.0.1:1/card\"}}")).isEqualTo("a2a.cardUrl");
        assertThat(error("{\"a2a\":{\"cardUrl\":\"" + cardUrl("/x") + "\",\"colour\":1}}")).isEqualTo("a2a.colour");
        assertThat(api.get("/api/agents/no-card").status()).isEqualTo(404);
    }

    private static String error(String body) {
        Answer answer = api.post("/api/agents", body);
        assertThat(answer.status()).as(answer.body()).isEqualTo(400);
        assertThat(answer.json().get("error").asString()).isNotBlank();
        return answer.json().get("field").asString();
    }
}
