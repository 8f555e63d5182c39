package io.switchboard.client;

import io.switchboard.testing.http.Api.Answer;
import io.switchboard.testing.kafka.WithKafka;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/openapi.json, from which the client of this module is generated, is the document the gateway serves at
 * {@code /v3/api-docs} (run with {@code -Dswitchboard.openapi.write=true} to write it anew after a change of the API),
 * and it passes Redocly's recommended rules ({@code src/test/node/redocly.yaml}) without an error.
 */
@WithKafka
class OpenApiDocumentTest {

    private static final Path FILE = Path.of(System.getProperty("switchboard.openapi.file", "../docs/openapi.json"));
    private static final Path LINT = Path.of(System.getProperty("switchboard.lint.dir", "src/test/node"));
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void theCommittedDocumentIsTheOneTheGatewayServes() throws IOException {
        Answer served = ApiStack.shared().api("gateway").get("/v3/api-docs");
        assertThat(served.status()).isEqualTo(200);
        assertThat(served.json().has("x-unavailable")).as("every service answered").isFalse();
        String live = JSON.writerWithDefaultPrettyPrinter().writeValueAsString(sorted(served.json())) + "\n";
        if (Boolean.getBoolean("switchboard.openapi.write")) {
            Files.writeString(FILE, live, StandardCharsets.UTF_8);
        }
        assertThat(Files.readString(FILE, StandardCharsets.UTF_8))
                .as("docs/openapi.json is not what the gateway serves: write it anew with "
                        + "mvn -pl api-client verify -Dswitchboard.openapi.write=true")
                .isEqualTo(live);
    }

    @Test
    void itPassesRedoclysRecommendedRules() throws Exception {
        Path report = Files.createTempFile("redocly", ".json");
        try {
            Process lint = new ProcessBuilder(LINT.resolve("node_modules/.bin/redocly").toString(), "lint",
                    FILE.toAbsolutePath().toString(), "--config", LINT.resolve("redocly.yaml").toString(),
                    "--format=json").redirectOutput(report.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            assertThat(lint.waitFor(120, TimeUnit.SECONDS)).as("redocly lint ended").isTrue();
            JsonNode result = JSON.readTree(Files.readString(report, StandardCharsets.UTF_8));
            List<String> errors = new ArrayList<>();
            for (JsonNode problem : result.path("problems")) {
                if ("error".equals(problem.path("severity").asString())) {
                    errors.add(problem.path("ruleId").asString() + ": " + problem.path("message").asString() + " at "
                            + problem.path("location").path(0).path("pointer").asString());
                }
            }
            System.out.printf("redocly lint: %s%n", result.path("totals"));
            assertThat(errors).as("lint errors").isEmpty();
            assertThat(lint.exitValue()).isZero();
        } finally {
            Files.deleteIfExists(report);
        }
    }

    /** Object keys sorted (array order kept), so the file's text changes only when the API does. */
    private static JsonNode sorted(JsonNode node) {
        if (node instanceof ObjectNode object) {
            ObjectNode copy = JSON.createObjectNode();
            TreeMap<String, JsonNode> keys = new TreeMap<>();
            object.properties().forEach(entry -> keys.put(entry.getKey(), sorted(entry.getValue())));
            keys.forEach(copy::set);
            return copy;
        }
        if (node instanceof ArrayNode array) {
            ArrayNode copy = JSON.createArrayNode();
            array.forEach(element -> copy.add(sorted(element)));
            return copy;
        }
        return node;
    }
}
