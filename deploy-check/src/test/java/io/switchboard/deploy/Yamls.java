package io.switchboard.deploy;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** YAML documents as plain maps and lists, and a few ways to walk them. */
final class Yamls {

    private Yamls() {
    }

    /** Every non-empty document of a file; fails naming the file when it does not parse. */
    static List<Map<String, Object>> load(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return loadText(text, file.toString());
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> loadText(String text, String origin) {
        List<Map<String, Object>> docs = new ArrayList<>();
        try {
            for (Object doc : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(text)) {
                if (doc == null) {
                    continue;
                }
                if (!(doc instanceof Map)) {
                    throw new IllegalStateException(origin + ": a document is not a mapping: " + doc);
                }
                docs.add((Map<String, Object>) doc);
            }
        } catch (RuntimeException e) {
            throw new IllegalStateException(origin + " does not parse as YAML: " + e.getMessage(), e);
        }
        return docs;
    }

    /** Any YAML (a JSON 6902 patch is a list); fails naming the origin when it does not parse. */
    static void parse(String text, String origin) {
        try {
            for (Object ignored : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(text)) {
                // parsing is the check
            }
        } catch (RuntimeException e) {
            throw new IllegalStateException(origin + " does not parse as YAML: " + e.getMessage(), e);
        }
    }

    /** The value at a dotted path of map keys ({@code spec.template.spec}); null when any step is missing. */
    static Object at(Object node, String path) {
        Object current = node;
        for (String key : path.split("\\.")) {
            if (!(current instanceof Map<?, ?> map)) {
                return null;
            }
            current = map.get(key);
        }
        return current;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object node, String path) {
        Object value = at(node, path);
        return value instanceof Map ? (Map<String, Object>) value : Map.of();
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object node, String path) {
        Object value = at(node, path);
        return value instanceof List ? (List<Object>) value : List.of();
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> maps(Object node, String path) {
        return list(node, path).stream().filter(Map.class::isInstance).map(o -> (Map<String, Object>) o).toList();
    }

    static String str(Object node, String path) {
        Object value = at(node, path);
        return value == null ? null : String.valueOf(value);
    }

    static String kind(Map<String, Object> doc) {
        return str(doc, "kind");
    }

    static String name(Map<String, Object> doc) {
        return str(doc, "metadata.name");
    }

    static boolean same(Object a, Object b) {
        return Objects.equals(a == null ? null : String.valueOf(a), b == null ? null : String.valueOf(b));
    }
}
