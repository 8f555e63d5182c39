package io.switchboard.gateway.events;

import io.switchboard.events.serde.MessageCodec;
import org.springframework.web.util.UriComponentsBuilder;
import org.springframework.web.util.UriUtils;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/** Reads what a client subscribes to, from a query string or a JSON message; what it cannot read it ignores. */
final class Subscriptions {

    private Subscriptions() {
    }

    static FrameFilter fromQuery(URI uri) {
        Map<String, List<String>> query = queryOf(uri);
        return of(query.getOrDefault("events", List.of()), first(query, "taskId"), first(query, "agentId"),
                first(query, "priority"));
    }

    static String lastEventId(URI uri) {
        return first(queryOf(uri), "lastEventId");
    }

    /**
     * The query's parameters, decoded: browsers send {@code task%3Aassigned} for {@code task:assigned}. A parameter
     * without a value (or an empty one), or one that does not decode, is left out, as everything this cannot read.
     */
    private static Map<String, List<String>> queryOf(URI uri) {
        Map<String, List<String>> decoded = new LinkedHashMap<>();
        UriComponentsBuilder.fromUri(uri).build().getQueryParams().forEach((name, values) -> {
            try {
                List<String> read = values.stream().filter(Objects::nonNull)
                        .map(value -> UriUtils.decode(value, StandardCharsets.UTF_8))
                        .filter(value -> !value.isBlank()).toList();
                if (!read.isEmpty()) {
                    decoded.put(UriUtils.decode(name, StandardCharsets.UTF_8), read);
                }
            } catch (IllegalArgumentException e) {
                // a broken escape such as %zz: ignored
            }
        });
        return decoded;
    }

    static FrameFilter fromJson(String text) {
        try {
            JsonNode json = MessageCodec.jsonMapper().readTree(text);
            List<String> events = json.has("events") && json.get("events").isArray()
                    ? json.get("events").valueStream().map(JsonNode::asString).toList() : List.of();
            return of(events, text(json, "taskId"), text(json, "agentId"), text(json, "priority"));
        } catch (JacksonException e) {
            return FrameFilter.ALL;
        }
    }

    static FrameFilter of(List<String> events, String taskId, String agentId, String priority) {
        Set<String> names = new HashSet<>();
        events.forEach(list -> names.addAll(Arrays.asList(list.split(","))));
        names.removeIf(String::isBlank);
        return new FrameFilter(Set.copyOf(names), taskId, agentId, priority);
    }

    private static String first(Map<String, List<String>> query, String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    private static String text(JsonNode json, String name) {
        JsonNode value = json.get(name);
        return value == null || !value.isString() ? null : value.asString();
    }
}
