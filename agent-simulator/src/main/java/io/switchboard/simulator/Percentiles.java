package io.switchboard.simulator;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** p50, p99 and p99.9 of a set of durations in microseconds, in milliseconds. */
public record Percentiles(int count, double p50, double p99, double p999) {

    public static Percentiles of(List<Long> micros) {
        if (micros.isEmpty()) {
            return new Percentiles(0, 0, 0, 0);
        }
        List<Long> sorted = new ArrayList<>(micros);
        Collections.sort(sorted);
        return new Percentiles(sorted.size(), at(sorted, 0.50), at(sorted, 0.99), at(sorted, 0.999));
    }

    private static double at(List<Long> sorted, double quantile) {
        int index = (int) Math.min(sorted.size() - 1, Math.ceil(quantile * sorted.size()) - 1);
        return sorted.get(Math.max(0, index)) / 1000.0;
    }
}
