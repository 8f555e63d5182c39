package io.switchboard.bench.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/** {@code --name=value} arguments, and the results file each measurement writes for {@link ReportWriter}. */
final class Cli {

    private final Map<String, String> values = new HashMap<>();

    Cli(String[] args) {
        for (String arg : args) {
            if (!arg.startsWith("--") || !arg.contains("=")) {
                throw new IllegalArgumentException("Expected --name=value, got " + arg);
            }
            values.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
        }
    }

    String get(String name, String fallback) {
        return values.getOrDefault(name, fallback);
    }

    String require(String name) {
        String value = values.get(name);
        if (value == null) {
            throw new IllegalArgumentException("Missing --" + name + "=...");
        }
        return value;
    }

    int integer(String name, int fallback) {
        return Integer.parseInt(get(name, Integer.toString(fallback)));
    }

    List<Integer> integers(String name, String fallback) {
        List<Integer> list = new ArrayList<>();
        for (String part : get(name, fallback).split(",")) {
            list.add(Integer.parseInt(part.trim()));
        }
        return list;
    }

    /** Writes sorted key=value lines (a plain properties file without the date comment). */
    static void writeResults(Path file, Map<String, ?> results) {
        StringBuilder text = new StringBuilder();
        new TreeMap<>(results).forEach((key, value) -> text.append(key).append('=').append(value).append('\n'));
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Properties readResults(Path file) {
        Properties properties = new Properties();
        if (Files.isRegularFile(file)) {
            try (var reader = Files.newBufferedReader(file)) {
                properties.load(reader);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return properties;
    }

    /** The value at {@code fraction} (0-1) of sorted values, nearest rank; NaN when there are none. */
    static double percentile(double[] sorted, double fraction) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(fraction * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    static String fmt(double value) {
        return String.format(java.util.Locale.ROOT, "%.2f", value);
    }
}
