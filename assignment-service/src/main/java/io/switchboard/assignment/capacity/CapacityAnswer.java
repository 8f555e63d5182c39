package io.switchboard.assignment.capacity;

import io.swagger.v3.oas.annotations.media.Schema;

import java.time.Instant;
import java.util.List;

/** GET /api/capacity: the backlog and the room for it, per capability ({@link Capacity}). */
@Schema(description = "The backlog and the room for it, per capability: what an autoscaler scales agents on.")
public record CapacityAnswer(
        @Schema(description = "Always true in a 2xx answer.", requiredMode = Schema.RequiredMode.REQUIRED)
        boolean success,
        @Schema(description = "When the figures were taken.", requiredMode = Schema.RequiredMode.REQUIRED)
        Instant at,
        @Schema(description = "Every capability a pending or assigned task requires or an agent has, by name.",
                requiredMode = Schema.RequiredMode.REQUIRED)
        List<Line> capabilities) {

    @Schema(description = "One capability (in lower case; capabilities compare case-insensitively).")
    public record Line(
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "testing") String capability,
            @Schema(description = "PENDING tasks that require it.", requiredMode = Schema.RequiredMode.REQUIRED)
            int pending,
            @Schema(description = "Age of the oldest of them, in seconds (0 when none).",
                    requiredMode = Schema.RequiredMode.REQUIRED)
            long oldestPendingSeconds,
            @Schema(description = "ASSIGNED tasks that require it, not started yet.",
                    requiredMode = Schema.RequiredMode.REQUIRED)
            int assignedNotStarted,
            @Schema(description = "IN_PROGRESS tasks that require it.", requiredMode = Schema.RequiredMode.REQUIRED)
            int inProgress,
            @Schema(description = "Agents with it that take work (not offline, overloaded by their own say or "
                    + "deregistering).", requiredMode = Schema.RequiredMode.REQUIRED)
            int agents,
            @Schema(description = "Their free slots: limit minus the open tasks they hold.",
                    requiredMode = Schema.RequiredMode.REQUIRED)
            int freeSlots,
            @Schema(description = "The pending ones per fairness key, where tasks have one.",
                    requiredMode = Schema.RequiredMode.REQUIRED)
            List<FairnessLine> byFairnessKey) {
    }

    @Schema(description = "Pending tasks of one fairness key.")
    public record FairnessLine(
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "team-a") String fairnessKey,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED) int pending,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED) long oldestPendingSeconds) {
    }

    static CapacityAnswer of(List<Capacity.Line> lines, Instant at) {
        return new CapacityAnswer(true, at, lines.stream().map(line -> new Line(line.capability(), line.pending(),
                line.oldestPending().toSeconds(), line.assignedNotStarted(), line.inProgress(), line.agents(), line.freeSlots(),
                line.byFairnessKey().stream().map(key -> new FairnessLine(key.fairnessKey(), key.pending(),
                        key.oldestPending().toSeconds())).toList())).toList());
    }
}
