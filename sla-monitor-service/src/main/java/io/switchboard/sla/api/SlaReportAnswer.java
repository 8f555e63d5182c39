package io.switchboard.sla.api;

import io.swagger.v3.oas.annotations.media.Schema;

import java.time.Instant;
import java.util.Map;

/**
 * Documentation only: {@code GET /api/sla/report} as {@code SlaController.report} writes it
 * ({@link io.switchboard.sla.clock.SlaStanding#report}). Never instantiated.
 */
@Schema(description = "SLA compliance over a window, per priority and per agent: tasks that ended in the window "
        + "(met when they ended by their deadline), plus open tasks whose deadline passed in it (missed).")
public record SlaReportAnswer(
        @Schema(description = "Always true in a 2xx answer.", requiredMode = Schema.RequiredMode.REQUIRED)
        boolean success,
        @Schema(description = "The window's start.", requiredMode = Schema.RequiredMode.REQUIRED)
        Instant since,
        @Schema(description = "The window's end: now.", requiredMode = Schema.RequiredMode.REQUIRED)
        Instant until,
        @Schema(description = "Compliance per priority, keyed by priority (P0-P3); a priority without tasks in the "
                + "window is left out.", requiredMode = Schema.RequiredMode.REQUIRED)
        Map<String, Compliance> byPriority,
        @Schema(description = "Compliance per agent, keyed by agent id; tasks without an agent count only per "
                + "priority.", requiredMode = Schema.RequiredMode.REQUIRED)
        Map<String, Compliance> byAgent) {

    @Schema(name = "SlaCompliance", description = "How many tasks met and missed their SLA deadline.")
    public record Compliance(
            @Schema(description = "Tasks that ended by their deadline.", requiredMode = Schema.RequiredMode.REQUIRED)
            int met,
            @Schema(description = "Tasks that ended after their deadline, or are open past it.",
                    requiredMode = Schema.RequiredMode.REQUIRED)
            int missed,
            @Schema(description = "met / (met + missed), 0-1.", requiredMode = Schema.RequiredMode.REQUIRED)
            double compliance) {
    }
}
