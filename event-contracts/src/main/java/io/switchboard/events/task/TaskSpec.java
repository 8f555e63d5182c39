package io.switchboard.events.task;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** What a client says about a new task. Fields left null take the service's defaults. */
public record TaskSpec(
        String name,
        String description,
        Priority priority,
        String eta,
        List<String> requiredCapabilities,
        List<String> preferredCapabilities,
        Map<String, String> labels,
        String fairnessKey,
        String concurrencyKey,
        AssignmentMode assignmentMode,
        Instant dueAt,
        RetryPolicy retryPolicy) {

    public TaskSpec {
        Objects.requireNonNull(name, "name");
        requiredCapabilities = requiredCapabilities == null ? List.of() : List.copyOf(requiredCapabilities);
        preferredCapabilities = preferredCapabilities == null ? List.of() : List.copyOf(preferredCapabilities);
        labels = labels == null ? Map.of() : Map.copyOf(labels);
    }
}
