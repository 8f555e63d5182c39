package io.switchboard.events.docs;

import io.switchboard.events.MessageType;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/asyncapi.yaml against the event contracts: every MessageType's topic is a channel listing the type's message,
 * whose payload has exactly the payload record's components as properties, and nothing else is listed (no channel,
 * message or operation without a MessageType behind it). Also: the file is what {@link AsyncApiGenerator} writes.
 */
class AsyncApiDocumentTest {

    private static final Path FILE = Path.of("..", "docs", "asyncapi.yaml");

    @Test
    void theDocumentIsUpToDateWithTheGenerator() throws IOException {
        String generated = AsyncApiGenerator.generate();
        if (Boolean.getBoolean("switchboard.asyncapi.write")) {
            Files.writeString(FILE, generated, StandardCharsets.UTF_8);
        }
        assertThat(Files.readString(FILE, StandardCharsets.UTF_8))
                .as("docs/asyncapi.yaml is out of date: run the event-contracts tests with "
                        + "-Dswitchboard.asyncapi.write=true")
                .isEqualTo(generated);
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyTopicAndPayloadFieldOfTheContractsIsListedAndNothingElse() throws IOException {
        Map<String, Object> doc = new Yaml().load(Files.readString(FILE, StandardCharsets.UTF_8));
        assertThat(doc.get("asyncapi")).isEqualTo("3.0.0");
        Map<String, Object> channels = (Map<String, Object>) doc.get("channels");
        Map<String, Object> components = (Map<String, Object>) doc.get("components");
        Map<String, Object> messages = (Map<String, Object>) components.get("messages");
        Map<String, Object> schemas = (Map<String, Object>) components.get("schemas");

        Set<String> topics = Arrays.stream(MessageType.values()).map(MessageType::topic).collect(Collectors.toSet());
        Map<String, Map<String, Object>> byAddress = channels.values().stream()
                .map(channel -> (Map<String, Object>) channel)
                .collect(Collectors.toMap(channel -> (String) channel.get("address"), channel -> channel));
        assertThat(byAddress.keySet()).containsExactlyInAnyOrderElementsOf(topics);
        assertThat(channels).hasSameSizeAs(byAddress);
        assertThat(messages).hasSize(MessageType.values().length);
        assertThat((Map<String, Object>) doc.get("operations")).hasSize(MessageType.values().length);

        Set<String> seenMessages = new HashSet<>();
        for (MessageType type : MessageType.values()) {
            Map<String, Object> channel = byAddress.get(type.topic());
            Map<String, Object> channelMessages = (Map<String, Object>) channel.get("messages");
            // The channel's message that names this type (by its ce_type).
            String key = channelMessages.entrySet().stream()
                    .filter(entry -> {
                        String ref = (String) ((Map<String, Object>) entry.getValue()).get("$ref");
                        Map<String, Object> message = (Map<String, Object>) messages.get(
                                ref.substring(ref.lastIndexOf('/') + 1));
                        return message != null && type.ceType().equals(message.get("name"));
                    })
                    .map(Map.Entry::getKey).findFirst()
                    .orElseThrow(() -> new AssertionError(type + " is not listed on channel " + type.topic()));
            seenMessages.add(key);
            Map<String, Object> message = (Map<String, Object>) messages.get(key);
            String payloadRef = (String) ((Map<String, Object>) message.get("payload")).get("$ref");
            Map<String, Object> payload = (Map<String, Object>) schemas.get(
                    payloadRef.substring(payloadRef.lastIndexOf('/') + 1));
            assertThat(payload).as("payload schema of " + type).isNotNull();
            Set<String> fields = ((Map<String, Object>) payload.get("properties")).keySet();
            List<String> components2 = Arrays.stream(type.payloadClass().getRecordComponents())
                    .map(RecordComponent::getName).toList();
            assertThat(fields).as("payload fields of " + type).containsExactlyInAnyOrderElementsOf(components2);
        }
        // Every channel lists only messages of its own types.
        int listed = channels.values().stream()
                .mapToInt(channel -> ((Map<String, Object>) ((Map<String, Object>) channel).get("messages")).size())
                .sum();
        assertThat(listed).isEqualTo(MessageType.values().length);
        assertThat(seenMessages).hasSize(MessageType.values().length);
    }
}
