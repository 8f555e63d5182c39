package io.switchboard.sla.api;

import io.switchboard.aggregate.AggregateRuntime;
import io.switchboard.aggregate.ServiceProperties;
import io.switchboard.events.command.CommandReply;
import io.switchboard.events.sla.SlaClock;
import io.switchboard.sla.clock.SlaStanding;
import io.switchboard.sla.config.SlaProperties;
import io.switchboard.web.ApiException;
import io.switchboard.web.ConsistentReads;
import io.switchboard.web.WebSupportConfiguration;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

import java.time.Clock;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The SLA API: tasks at risk and in violation with their time left, and compliance over a window. */
@RestController
@RequestMapping("/api/sla")
@Import(WebSupportConfiguration.class)
class SlaController {

    private final AggregateRuntime<SlaClock, Object, CommandReply> runtime;
    private final ConsistentReads consistent;
    private final Duration defaultWindow;
    private final Clock clock;

    SlaController(AggregateRuntime<SlaClock, Object, CommandReply> slaRuntime, ServiceProperties properties,
                  SlaProperties sla, Clock clock) {
        this.runtime = slaRuntime;
        // The clocks follow task-service's events: a read waits until they were applied (a task created or finished
        // through the API shows in the report at once), then until this instance's store holds the result.
        this.consistent = new ConsistentReads(slaRuntime.processed().then(slaRuntime.barrier()),
                properties.readYourWrites(), properties.readTimeout(), properties.readStaleAfter());
        this.defaultWindow = sla.reportWindow();
        this.clock = clock;
    }

    @Operation(operationId = "getSlaStatus",
            summary = "List the open tasks at risk of missing their SLA deadline, or past it",
            description = "Tasks at risk (past switchboard.sla.warn-at of their budget, 80 %) and in violation, with "
                    + "their deadline and the time left.")
    @ApiResponse(responseCode = "200", description = "The tasks at risk and in violation",
            content = @Content(mediaType = "application/json",
                    schema = @Schema(implementation = SlaStandingAnswer.class)))
    @GetMapping
    Mono<Map<String, Object>> standing() {
        return consistent.ready().then(Mono.fromSupplier(() -> {
            List<SlaStanding.Entry> entries = SlaStanding.atRiskOrViolated(runtime.store().all(), clock.instant());
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("success", true);
            body.put("atRisk", entries.stream().filter(e -> !e.violated()).toList());
            body.put("violated", entries.stream().filter(SlaStanding.Entry::violated).toList());
            body.put("count", entries.size());
            return body;
        }));
    }

    @Operation(operationId = "getSlaReport", summary = "Get SLA compliance per priority and per agent over a window")
    @ApiResponse(responseCode = "200", description = "The compliance report",
            content = @Content(mediaType = "application/json",
                    schema = @Schema(implementation = SlaReportAnswer.class)))
    @GetMapping("/report")
    Mono<Map<String, Object>> report(
            @Parameter(description = "How far back the report looks: a positive ISO-8601 duration of at most ten "
                    + "years (default switchboard.sla.report-window, PT24H)",
                    schema = @Schema(type = "string", format = "duration", example = "PT24H"))
            @RequestParam(required = false) String window) {
        Duration span = window(window);
        return consistent.ready().then(Mono.fromSupplier(() -> {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("success", true);
            body.putAll(SlaStanding.report(runtime.store().all(), clock.instant(), span));
            return body;
        }));
    }

    private Duration window(String window) {
        if (window == null) {
            return defaultWindow;
        }
        try {
            Duration span = Duration.parse(window);
            if (!span.isNegative() && !span.isZero() && span.compareTo(Duration.ofDays(3_650)) <= 0) {
                return span;
            }
        } catch (DateTimeParseException e) {
            // answered below
        }
        throw ApiException.badRequest("window must be a positive ISO-8601 duration of at most ten years, such as PT24H", "window");
    }
}
