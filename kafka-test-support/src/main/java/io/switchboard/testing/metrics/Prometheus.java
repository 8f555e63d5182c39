package io.switchboard.testing.metrics;

import io.switchboard.testing.http.Api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/** Reads a service's {@code /actuator/prometheus} over HTTP (text format) and picks samples by name and labels. */
public final class Prometheus {

    /** One sample line: {@code name{labels} value}. */
    public record Sample(String name, Map<String, String> labels, double value) {
    }

    private final List<Sample> samples;

    private Prometheus(List<Sample> samples) {
        this.samples = samples;
    }

    public static Prometheus scrape(Api api) {
        Api.Answer answer = api.get("/actuator/prometheus");
        if (answer.status() != 200) {
            throw new AssertionError("/actuator/prometheus answered " + answer.status() + ": " + answer.body());
        }
        return parse(answer.body());
    }

    public static Prometheus parse(String text) {
        List<Sample> samples = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int brace = line.indexOf('{');
            int space = line.lastIndexOf(' ');
            String name;
            Map<String, String> labels = new LinkedHashMap<>();
            if (brace >= 0 && brace < space) {
                name = line.substring(0, brace);
                int close = line.lastIndexOf('}');
                parseLabels(line.substring(brace + 1, close), labels);
            } else {
                name = line.substring(0, line.indexOf(' '));
            }
            String value = line.substring(space + 1).trim();
            samples.add(new Sample(name, labels, Double.parseDouble(value.replace("+Inf", "Infinity")
                    .replace("-Inf", "-Infinity"))));
        }
        return new Prometheus(samples);
    }

    private static void parseLabels(String text, Map<String, String> labels) {
        int i = 0;
        while (i < text.length()) {
            int eq = text.indexOf('=', i);
            if (eq < 0) {
                return;
            }
            String key = text.substring(i, eq).trim();
            StringBuilder value = new StringBuilder();
            int j = eq + 2; // past ="
            while (j < text.length() && text.charAt(j) != '"') {
                if (text.charAt(j) == '\\' && j + 1 < text.length()) {
                    j++;
                }
                value.append(text.charAt(j));
                j++;
            }
            labels.put(key, value.toString());
            i = j + 1;
            if (i < text.length() && text.charAt(i) == ',') {
                i++;
            }
        }
    }

    public List<Sample> samples() {
        return samples;
    }

    /** Every sample of {@code name} whose labels include {@code labels} (pairs: key, value, ...). */
    public List<Sample> find(String name, String... labels) {
        List<Sample> found = new ArrayList<>();
        for (Sample sample : samples) {
            if (!sample.name().equals(name)) {
                continue;
            }
            boolean match = true;
            for (int k = 0; k + 1 < labels.length; k += 2) {
                if (!labels[k + 1].equals(sample.labels().get(labels[k]))) {
                    match = false;
                    break;
                }
            }
            if (match) {
                found.add(sample);
            }
        }
        return found;
    }

    /** The sum of the matching samples; empty when there is none. */
    public OptionalDouble value(String name, String... labels) {
        List<Sample> found = find(name, labels);
        return found.isEmpty() ? OptionalDouble.empty()
                : OptionalDouble.of(found.stream().mapToDouble(Sample::value).sum());
    }

    /** As {@link #value}, failing when the series does not exist. */
    public double require(String name, String... labels) {
        OptionalDouble value = value(name, labels);
        if (value.isEmpty()) {
            throw new AssertionError("No sample " + name + " " + String.join(",", labels));
        }
        return value.getAsDouble();
    }
}
