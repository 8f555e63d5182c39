package io.switchboard.web;

import io.switchboard.events.serde.MessageCodec;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A JSON object from a request body, read field by field so that every wrong value is answered with a 400 that
 * names the field and says what was expected (a generic decoder would answer with its own wording, or a 500).
 */
public final class JsonBody {

    private final JsonNode node;
    /** Put before the field names in errors: empty for the body, "a2a." for a nested object. */
    private final String prefix;

    private JsonBody(JsonNode node) {
        this(node, "");
    }

    private JsonBody(JsonNode node, String prefix) {
        this.node = node;
        this.prefix = prefix;
    }

    /** Parses a body that must be a JSON object; an empty body is an empty object when {@code optional}. */
    public static JsonBody parse(String body, boolean optional) {
        if (body == null || body.isBlank()) {
            if (optional) {
                return new JsonBody(MessageCodec.jsonMapper().createObjectNode());
            }
            throw ApiException.badRequest("Request body must be a JSON object", "body");
        }
        JsonNode node;
        try {
            node = MessageCodec.jsonMapper().readTree(body);
        } catch (JacksonException e) {
            throw ApiException.badRequest("Malformed JSON: " + e.getOriginalMessage(), "body");
        }
        if (optional && (node == null || node.isNull())) {
            // JSON null where the body is optional: what clients generated from the OpenAPI document send for "none"
            return new JsonBody(MessageCodec.jsonMapper().createObjectNode());
        }
        if (node == null || !node.isObject()) {
            throw ApiException.badRequest("Request body must be a JSON object", "body");
        }
        return new JsonBody(node);
    }

    /** Refuses fields this request does not know: a misspelt field silently ignored is worse than an error. */
    public JsonBody allowOnly(Set<String> known) {
        for (String name : node.propertyNames()) {
            if (!known.contains(name)) {
                throw ApiException.badRequest("Unknown field '" + prefix + name + "'", prefix + name);
            }
        }
        return this;
    }

    /**
     * A nested object, read field by field like this one; null when absent. Its errors name the field the caller
     * sent, so "a2a.cardUrl", not "cardUrl".
     */
    public JsonBody object(String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isObject()) {
            throw bad(field, "must be a JSON object");
        }
        return new JsonBody(value, prefix + field + ".");
    }

    public String string(String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isString()) {
            throw bad(field, "must be a string");
        }
        return value.stringValue();
    }

    public Integer integer(String field, boolean required) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            if (required) {
                throw bad(field, "is required");
            }
            return null;
        }
        if (!value.isNumber()) {
            throw bad(field, "must be a number");
        }
        if (!value.canConvertToExactIntegral() || !value.canConvertToInt()) {
            throw bad(field, "must be a whole number");
        }
        return value.intValue();
    }

    public Double number(String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isNumber()) {
            throw bad(field, "must be a number");
        }
        return value.doubleValue();
    }

    public Boolean bool(String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isBoolean()) {
            throw bad(field, "must be true or false");
        }
        return value.booleanValue();
    }

    public Long longValue(String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isNumber() || !value.canConvertToExactIntegral() || !value.canConvertToLong()) {
            throw bad(field, "must be a whole number");
        }
        return value.longValue();
    }

    public List<String> strings(String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isArray()) {
            throw bad(field, "must be an array of strings");
        }
        List<String> values = new ArrayList<>();
        for (JsonNode item : value) {
            if (!item.isString()) {
                throw bad(field, "must be an array of strings");
            }
            values.add(item.stringValue().trim());
        }
        return values;
    }

    public Map<String, String> stringMap(String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isObject()) {
            throw bad(field, "must be an object of strings");
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (String key : value.propertyNames()) {
            JsonNode item = value.get(key);
            if (!item.isString()) {
                throw bad(field, "must be an object of strings");
            }
            values.put(key, item.stringValue());
        }
        return values;
    }

    public Instant instant(String field) {
        String text = string(field);
        if (text == null) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw bad(field, "must be an ISO-8601 instant such as 2026-01-12T10:00:00Z");
        }
    }

    public Duration duration(String field) {
        String text = string(field);
        if (text == null) {
            return null;
        }
        try {
            Duration duration = Duration.parse(text);
            if (duration.isNegative()) {
                throw bad(field, "must not be negative");
            }
            return duration;
        } catch (DateTimeParseException e) {
            throw bad(field, "must be an ISO-8601 duration such as PT30S");
        }
    }

    public <E extends Enum<E>> E enumValue(String field, Class<E> type) {
        String text = string(field);
        return text == null ? null : parseEnum(text, prefix + field, type);
    }

    /** A 400 naming the field as the caller sent it. */
    private ApiException bad(String field, String what) {
        return ApiException.badRequest(prefix + field + " " + what, prefix + field);
    }

    public static <E extends Enum<E>> E parseEnum(String text, String field, Class<E> type) {
        try {
            return Enum.valueOf(type, text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("Unknown " + field + " '" + text + "' (expected one of "
                    + String.join(", ", Arrays.stream(type.getEnumConstants()).map(Enum::name).toList()) + ")",
                    field);
        }
    }
}
