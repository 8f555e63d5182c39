package io.switchboard.events;

import io.switchboard.events.serde.MessageCodec;
import io.switchboard.testing.json.JsonSubset;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** Every record example of docs/events.md is read with the real serde and written back with the same fields. */
class DocumentedEventsTest {

    private static final Pattern BLOCK = Pattern.compile("```kafka\\n(.*?)```", Pattern.DOTALL);

    private record Example(Map<String, String> headers, String value) {
    }

    @Test
    void everyDocumentedRecordReadsAndWritesBackAsShown() throws IOException {
        List<Example> examples = examples(Files.readString(Path.of("..", "docs", "events.md")));
        Set<MessageType> documented = EnumSet.noneOf(MessageType.class);
        MessageCodec codec = new MessageCodec("/docs");
        for (Example example : examples) {
            String type = example.headers().get("ce_type");
            MessageType messageType = MessageType.ofCeType(type).orElseThrow();
            documented.add(messageType);
            assertThat(example.headers().get("topic")).as(type).isEqualTo(messageType.topic());
            Object message = codec.decode(type, example.value().getBytes(StandardCharsets.UTF_8));
            JsonNode written = MessageCodec.jsonMapper().readTree(codec.encode(message));
            JsonSubset.assertContains(type, MessageCodec.jsonMapper().readTree(example.value()), written);
        }
        assertThat(documented).isEqualTo(EnumSet.allOf(MessageType.class));
    }

    private static List<Example> examples(String page) {
        List<Example> examples = new ArrayList<>();
        Matcher matcher = BLOCK.matcher(page);
        while (matcher.find()) {
            String[] parts = matcher.group(1).split("\\n\\n", 2);
            Map<String, String> headers = new HashMap<>();
            for (String line : parts[0].split("\\n")) {
                int colon = line.indexOf(':');
                headers.put(line.substring(0, colon).trim(), line.substring(colon + 1).trim());
            }
            examples.add(new Example(headers, parts[1]));
        }
        return examples;
    }
}
