package io.switchboard.task.api;

import io.switchboard.events.task.AssignmentMode;
import io.switchboard.events.task.Priority;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Documentation only: the body of {@code POST /api/tasks} as {@link TaskRequests#newTask} reads it
 * ({@link TaskRequests#CREATE_FIELDS}). The controller parses the JSON itself; this record is never instantiated.
 */
@Schema(description = "A new task. Fields left out take the service's defaults; unknown fields are refused (400).")
public record NewTask(
        @Schema(description = "The task's id: 1-64 letters, digits and . _ : - starting with a letter or digit. "
                + "Left out, it is derived from the Idempotency-Key header, or random.", maxLength = 64,
                pattern = "^[A-Za-z0-9][A-Za-z0-9._:-]*$", example = "TASK-011")
        String id,
        @Schema(description = "What is to be done (1-200 characters, trimmed).",
                requiredMode = Schema.RequiredMode.REQUIRED, minLength = 1, maxLength = 200,
                example = "Rotate the API keys")
        String name,
        @Schema(description = "More about the task (at most 4000 characters).", maxLength = 4000)
        String description,
        @Schema(description = "P0 (critical) to P3 (best effort); the deployment's default (P2) when left out.")
        Priority priority,
        @Schema(description = "The seed's free-text estimate, such as \"2-4h\" or \"30min\" (at most 64 "
                + "characters).", maxLength = 64)
        String eta,
        @ArraySchema(arraySchema = @Schema(description = "Capabilities an agent must all have to be given the task."),
                maxItems = 32, schema = @Schema(minLength = 1, maxLength = 64))
        List<String> requiredCapabilities,
        @ArraySchema(arraySchema = @Schema(description = "Capabilities that make an agent a better choice."),
                maxItems = 32, schema = @Schema(minLength = 1, maxLength = 64))
        List<String> preferredCapabilities,
        @Schema(description = "Labels to filter by (at most 32; keys 1-64 characters, values at most 256).")
        Map<String, String> labels,
        @Schema(description = "A tenant or team: the queue is shared fairly between keys (at most 64 characters).",
                maxLength = 64)
        String fairnessKey,
        @Schema(description = "Counts against a cap of open tasks per key, such as one customer's quota "
                + "(at most 64 characters).", maxLength = 64)
        String concurrencyKey,
        @Schema(description = "AUTO: assigned as soon as an eligible agent has room; MANUAL: only when asked. "
                + "Left out or null, the deployment's default applies.")
        AssignmentMode assignmentMode,
        @Schema(description = "The SLA deadline, an ISO-8601 instant within a hundred years of now.",
                example = "2026-01-12T10:00:00Z")
        Instant dueAt,
        @Schema(description = "How many times the task may be attempted, 1-100 (default 1).", minimum = "1",
                maximum = "100")
        Integer maxAttempts,
        @Schema(description = "Wait before the second attempt, doubled for each further one: an ISO-8601 duration "
                + "of at most one day (default PT30S).", type = "string", format = "duration", example = "PT30S")
        String retryBackoff) {
}
