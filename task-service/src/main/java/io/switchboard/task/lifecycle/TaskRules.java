package io.switchboard.task.lifecycle;

import io.switchboard.events.task.RetryPolicy;
import io.switchboard.events.task.TaskSpec;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Limits on what a task may hold. They apply to every way in (REST and the Kafka command topic alike), so they live
 * here and not in the REST layer.
 */
public final class TaskRules {

    public static final int MAX_NAME = 200;
    public static final int MAX_DESCRIPTION = 4_000;
    public static final int MAX_SHORT_TEXT = 64;
    public static final int MAX_LIST = 32;
    public static final int MAX_LABEL_VALUE = 256;
    public static final int MAX_REASON = 1_000;
    public static final int MAX_ATTEMPTS = 100;
    public static final int MAX_ACTOR = 128;
    public static final Duration MAX_BACKOFF = Duration.ofDays(1);

    private TaskRules() {
    }

    /** A broken rule: which field, and what is wrong with it. */
    public record Violation(String field, String message) {
    }

    public static Optional<Violation> check(TaskSpec spec) {
        return firstOf(
                text("name", spec.name(), MAX_NAME, true),
                text("description", spec.description(), MAX_DESCRIPTION, false),
                text("eta", spec.eta(), MAX_SHORT_TEXT, false),
                text("fairnessKey", spec.fairnessKey(), MAX_SHORT_TEXT, false),
                text("concurrencyKey", spec.concurrencyKey(), MAX_SHORT_TEXT, false),
                list("requiredCapabilities", spec.requiredCapabilities()),
                list("preferredCapabilities", spec.preferredCapabilities()),
                labels(spec.labels()),
                retry(spec.retryPolicy()));
    }

    public static Optional<Violation> taskId(String id) {
        if (id == null || id.isBlank()) {
            return Optional.of(new Violation("id", "id must not be empty"));
        }
        if (id.length() > MAX_SHORT_TEXT || !id.matches("[A-Za-z0-9][A-Za-z0-9._:-]*")) {
            return Optional.of(new Violation("id", "id must be 1-" + MAX_SHORT_TEXT
                    + " characters of letters, digits and . _ : - (starting with a letter or digit)"));
        }
        return Optional.empty();
    }

    /** A due date a clock can reach: within a hundred years either way of now. */
    public static Optional<Violation> dueAt(Instant dueAt, Instant now) {
        if (dueAt != null && Duration.between(now, dueAt).abs().compareTo(Duration.ofDays(36_500)) > 0) {
            return Optional.of(new Violation("dueAt", "dueAt must be within a hundred years of now"));
        }
        return Optional.empty();
    }

    /** Who made a change: it is kept in every history line, so it is short. */
    public static Optional<Violation> actor(String actor) {
        return actor != null && actor.length() > MAX_ACTOR
                ? Optional.of(new Violation("actor", "actor must be at most " + MAX_ACTOR + " characters"))
                : Optional.empty();
    }

    /** An agent named by a task: an id the agent registry would accept. */
    public static Optional<Violation> agentId(String agent) {
        if (agent == null || agent.isBlank() || agent.length() > MAX_SHORT_TEXT
                || !agent.matches("[A-Za-z0-9][A-Za-z0-9._:-]*")) {
            return Optional.of(new Violation("agent", "agent must be an agent id: 1-" + MAX_SHORT_TEXT
                    + " characters of letters, digits and . _ : -"));
        }
        return Optional.empty();
    }

    public static Optional<Violation> progress(int progress) {
        return progress < 0 || progress > 100
                ? Optional.of(new Violation("progress", "progress must be between 0 and 100"))
                : Optional.empty();
    }

    public static Optional<Violation> reason(String reason, boolean required) {
        return text("reason", reason, MAX_REASON, required);
    }

    public static Optional<Violation> text(String field, String value, int max, boolean required) {
        if (value == null || value.isBlank()) {
            return required ? Optional.of(new Violation(field, field + " must not be empty")) : Optional.empty();
        }
        if (value.length() > max) {
            return Optional.of(new Violation(field, field + " must be at most " + max + " characters"));
        }
        return Optional.empty();
    }

    private static Optional<Violation> list(String field, List<String> values) {
        if (values.size() > MAX_LIST) {
            return Optional.of(new Violation(field, field + " may hold at most " + MAX_LIST + " entries"));
        }
        for (String value : values) {
            if (value == null || value.isBlank() || value.length() > MAX_SHORT_TEXT) {
                return Optional.of(new Violation(field,
                        field + " entries must be non-empty strings of at most " + MAX_SHORT_TEXT + " characters"));
            }
        }
        return Optional.empty();
    }

    private static Optional<Violation> labels(Map<String, String> labels) {
        if (labels.size() > MAX_LIST) {
            return Optional.of(new Violation("labels", "labels may hold at most " + MAX_LIST + " entries"));
        }
        for (var label : labels.entrySet()) {
            if (label.getKey().isBlank() || label.getKey().length() > MAX_SHORT_TEXT || label.getValue() == null
                    || label.getValue().length() > MAX_LABEL_VALUE) {
                return Optional.of(new Violation("labels", "label keys must be 1-" + MAX_SHORT_TEXT
                        + " characters and values strings of at most " + MAX_LABEL_VALUE));
            }
        }
        return Optional.empty();
    }

    private static Optional<Violation> retry(RetryPolicy policy) {
        if (policy != null && policy.maxAttempts() > MAX_ATTEMPTS) {
            return Optional.of(new Violation("maxAttempts", "maxAttempts must be between 1 and " + MAX_ATTEMPTS));
        }
        if (policy != null && policy.backoff().compareTo(MAX_BACKOFF) > 0) {
            return Optional.of(new Violation("retryBackoff", "retryBackoff must be at most " + MAX_BACKOFF));
        }
        return Optional.empty();
    }

    @SafeVarargs
    private static Optional<Violation> firstOf(Optional<Violation>... checks) {
        for (Optional<Violation> check : checks) {
            if (check.isPresent()) {
                return check;
            }
        }
        return Optional.empty();
    }
}
