package io.switchboard.events.docs;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.switchboard.events.MessageType;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes docs/asyncapi.yaml (AsyncAPI 3.0) from {@link MessageType}: one channel per topic, one message per type with
 * its CloudEvents headers and its payload schema, read from the payload records by reflection (the JSON the serde
 * writes: record components by name, plus {@code @JsonProperty} methods, ISO-8601 times and durations).
 * {@code AsyncApiDocumentTest} fails when the file is not what this writes; run it with
 * {@code -Dswitchboard.asyncapi.write=true} to write it again.
 */
final class AsyncApiGenerator {

    private final Map<String, Class<?>> schemas = new TreeMap<>();
    private final StringBuilder out = new StringBuilder();

    static String generate() {
        return new AsyncApiGenerator().document();
    }

    static String schemaName(Class<?> type) {
        Class<?> enclosing = type.getEnclosingClass();
        return enclosing == null ? type.getSimpleName() : schemaName(enclosing) + type.getSimpleName();
    }

    /** The channel's id: the topic name in camel case (task.command-results: taskCommandResults). */
    static String channelId(String topic) {
        StringBuilder id = new StringBuilder();
        boolean upper = false;
        for (char c : topic.toCharArray()) {
            if (c == '.' || c == '-') {
                upper = true;
            } else {
                id.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return id.toString();
    }

    static String messageName(MessageType type) {
        return schemaName(type.payloadClass());
    }

    private String document() {
        line(0, "# Generated from event-contracts' MessageType by AsyncApiGenerator (event-contracts tests): do not edit by");
        line(0, "# hand. AsyncApiDocumentTest fails when it is out of date; -Dswitchboard.asyncapi.write=true rewrites it.");
        line(0, "asyncapi: 3.0.0");
        line(0, "info:");
        line(1, "title: Switchboard events");
        line(1, "version: '1'");
        line(1, "description: >-");
        line(2, "Every Kafka topic Switchboard writes or reads, and the records on it. Records are keyed by the id of");
        line(2, "the aggregate they are about (task id, agent id; command id or request id on result topics) and carry");
        line(2, "CloudEvents headers in binary mode (ce_id, ce_type, ce_source, ce_time, ce_specversion). Values are");
        line(2, "JSON; times and durations are ISO-8601 strings. Public events (task.*, agent.*) are read committed");
        line(2, "only. A deployment may prefix every topic name (switchboard.topic-prefix). Dead-letter topics");
        line(2, "(<topic>.dlt) hold unreadable records as received, with the error in kafka_dlt-* headers.");
        line(0, "defaultContentType: application/json");
        line(0, "servers:");
        line(1, "local:");
        line(2, "host: localhost:9092");
        line(2, "protocol: kafka");
        line(2, "description: The broker of ./switchboard up (KAFKA_BOOTSTRAP_SERVERS in a deployment)");
        Map<String, List<MessageType>> byTopic = new LinkedHashMap<>();
        for (MessageType type : MessageType.values()) {
            byTopic.computeIfAbsent(type.topic(), topic -> new java.util.ArrayList<>()).add(type);
        }
        line(0, "channels:");
        byTopic.forEach((topic, types) -> {
            line(1, channelId(topic) + ":");
            line(2, "address: " + topic);
            line(2, "messages:");
            for (MessageType type : types) {
                line(3, messageName(type) + ":");
                line(4, "$ref: '#/components/messages/" + messageName(type) + "'");
            }
        });
        line(0, "operations:");
        for (MessageType type : MessageType.values()) {
            line(1, "send" + messageName(type) + ":");
            line(2, "action: send");
            line(2, "channel:");
            line(3, "$ref: '#/channels/" + channelId(type.topic()) + "'");
            line(2, "messages:");
            line(3, "- $ref: '#/channels/" + channelId(type.topic()) + "/messages/" + messageName(type) + "'");
        }
        line(0, "components:");
        line(1, "messages:");
        Deque<Class<?>> pending = new ArrayDeque<>();
        for (MessageType type : MessageType.values()) {
            line(2, messageName(type) + ":");
            line(3, "name: " + type.ceType());
            line(3, "title: " + type.ceType());
            type.eventName().ifPresent(event -> line(3, "summary: \"The live event '" + event
                    + "' (WebSocket, Socket.IO and SSE at the gateway)\""));
            line(3, "contentType: application/json");
            line(3, "headers:");
            line(4, "$ref: '#/components/schemas/CloudEventHeaders'");
            line(3, "payload:");
            line(4, "$ref: '#/components/schemas/" + schemaName(type.payloadClass()) + "'");
            pending.add(type.payloadClass());
        }
        while (!pending.isEmpty()) {
            Class<?> type = pending.poll();
            if (schemas.putIfAbsent(schemaName(type), type) == null) {
                for (Type field : fieldTypes(type)) {
                    referenced(field).forEach(pending::add);
                }
            }
        }
        line(1, "schemas:");
        line(2, "CloudEventHeaders:");
        line(3, "type: object");
        line(3, "properties:");
        for (String header : List.of("ce_id", "ce_type", "ce_source", "ce_time", "ce_specversion")) {
            line(4, header + ":");
            line(5, "type: string");
        }
        schemas.forEach((name, type) -> schema(name, type));
        return out.toString();
    }

    private void schema(String name, Class<?> type) {
        line(2, name + ":");
        if (type.isEnum()) {
            line(3, "type: string");
            line(3, "enum:");
            for (Object constant : type.getEnumConstants()) {
                line(4, "- " + ((Enum<?>) constant).name());
            }
            return;
        }
        line(3, "type: object");
        line(3, "properties:");
        for (RecordComponent component : type.getRecordComponents()) {
            line(4, component.getName() + ":");
            property(5, component.getGenericType());
        }
        for (Method method : jsonMethods(type)) {
            line(4, method.getAnnotation(JsonProperty.class).value() + ":");
            property(5, method.getGenericReturnType());
            line(5, "readOnly: true");
        }
    }

    private void property(int indent, Type type) {
        if (type instanceof ParameterizedType generic) {
            Class<?> raw = (Class<?>) generic.getRawType();
            if (Collection.class.isAssignableFrom(raw)) {
                line(indent, "type: array");
                line(indent, "items:");
                property(indent + 1, generic.getActualTypeArguments()[0]);
                return;
            }
            if (Map.class.isAssignableFrom(raw)) {
                line(indent, "type: object");
                line(indent, "additionalProperties:");
                property(indent + 1, generic.getActualTypeArguments()[1]);
                return;
            }
            throw new IllegalStateException("Unsupported type " + type);
        }
        Class<?> c = (Class<?>) type;
        if (c == String.class) {
            line(indent, "type: string");
        } else if (c == Instant.class) {
            line(indent, "type: string");
            line(indent, "format: date-time");
        } else if (c == Duration.class) {
            line(indent, "type: string");
            line(indent, "format: duration");
        } else if (c == int.class || c == Integer.class) {
            line(indent, "type: integer");
            line(indent, "format: int32");
        } else if (c == long.class || c == Long.class) {
            line(indent, "type: integer");
            line(indent, "format: int64");
        } else if (c == double.class || c == Double.class || c == float.class || c == Float.class) {
            line(indent, "type: number");
        } else if (c == boolean.class || c == Boolean.class) {
            line(indent, "type: boolean");
        } else if (c.isEnum() || c.isRecord()) {
            line(indent, "$ref: '#/components/schemas/" + schemaName(c) + "'");
        } else {
            throw new IllegalStateException("Unsupported type " + c);
        }
    }

    private static List<Type> fieldTypes(Class<?> type) {
        if (!type.isRecord()) {
            return List.of();
        }
        List<Type> types = new java.util.ArrayList<>();
        for (RecordComponent component : type.getRecordComponents()) {
            types.add(component.getGenericType());
        }
        for (Method method : jsonMethods(type)) {
            types.add(method.getGenericReturnType());
        }
        return types;
    }

    private static List<Method> jsonMethods(Class<?> type) {
        return java.util.Arrays.stream(type.getDeclaredMethods())
                .filter(m -> m.isAnnotationPresent(JsonProperty.class) && m.getParameterCount() == 0
                        && !Modifier.isStatic(m.getModifiers()))
                .sorted(java.util.Comparator.comparing(Method::getName)).toList();
    }

    private static List<Class<?>> referenced(Type type) {
        if (type instanceof ParameterizedType generic) {
            List<Class<?>> found = new java.util.ArrayList<>();
            for (Type argument : generic.getActualTypeArguments()) {
                found.addAll(referenced(argument));
            }
            return found;
        }
        Class<?> c = (Class<?>) type;
        return c.isEnum() || c.isRecord() ? List.of(c) : List.of();
    }

    private void line(int indent, String text) {
        out.append("  ".repeat(indent)).append(text).append('\n');
    }
}
