package io.switchboard.gateway.notifications;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.switchboard.events.notification.WebhookSubscription;
import io.switchboard.gateway.security.Caller;
import io.switchboard.gateway.security.Exchanges;
import io.switchboard.gateway.security.JsonErrors;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;

/**
 * Webhook subscriptions ({@code /api/notifications/subscriptions}, permission notification.config: admins and
 * operators). The secret that signs a subscription's deliveries is shown once, in the answer that makes it.
 */
@RestController
class NotificationsController {

    private static final String JSON = "application/json";
    private static final String PATH = "/api/notifications/subscriptions";

    private static final int MAX_PARKED = 1000;

    private final WebhookSubscriptions subscriptions;
    private final ParkedDeliveries parked;
    private final WebhookSender sender;

    private final RecentDeliveries recent;

    NotificationsController(WebhookSubscriptions subscriptions, ParkedDeliveries parked, WebhookSender sender,
                            RecentDeliveries recent) {
        this.subscriptions = subscriptions;
        this.parked = parked;
        this.sender = sender;
        this.recent = recent;
    }

    @Operation(operationId = "listWebhookSubscriptions", summary = "List the webhook subscriptions",
            description = "Every subscription, deleted ones included, oldest first; never a secret.")
    @ApiResponse(responseCode = "200", description = "The subscriptions",
            content = @Content(mediaType = JSON,
                    schema = @Schema(implementation = SubscriptionSchemas.ListAnswer.class)))
    @GetMapping(PATH)
    Map<String, Object> list() {
        List<Map<String, Object>> all = subscriptions.all().stream().map(s -> shown(s, false)).toList();
        return Map.of("success", true, "count", all.size(), "subscriptions", all);
    }

    @Operation(operationId = "createWebhookSubscription", summary = "Subscribe a webhook to events",
            description = "Events from now on that pass every filter given are POSTed to the url as CloudEvents, "
                    + "signed as Standard Webhooks has it (headers webhook-id, webhook-timestamp, "
                    + "webhook-signature) with the secret in this answer, retried with backoff for "
                    + "switchboard.notifications.retry-for, then parked (docs/notifications.md).")
    @ApiResponse(responseCode = "201", description = "The subscription, with its secret",
            content = @Content(mediaType = JSON,
                    schema = @Schema(implementation = SubscriptionSchemas.Answer.class)))
    @PostMapping(PATH)
    Mono<ResponseEntity<?>> create(
            @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
                    mediaType = JSON, schema = @Schema(implementation = SubscriptionSchemas.NewSubscription.class)))
            @RequestBody JsonNode body, ServerWebExchange exchange) {
        if (!body.path("events").isMissingNode() && !body.path("events").isNull() && !body.path("events").isArray()) {
            return Mono.just(JsonErrors.entity(HttpStatus.BAD_REQUEST, "events must be a list of event names",
                    "events", Map.of()));
        }
        List<String> events = new ArrayList<>();
        body.path("events").forEach(event -> events.add(event.asString("")));
        String channel = text(body, "channel");
        WebhookSubscriptions.Wanted wanted = new WebhookSubscriptions.Wanted(text(body, "name"),
                channel == null ? WebhookSubscription.WEBHOOK : channel, text(body, "url"), events,
                text(body, "priority"), text(body, "capability"), text(body, "label"), text(body, "agent"));
        var violation = SubscriptionRules.check(wanted.name(), wanted.channel(), wanted.url(), events,
                wanted.priority(), wanted.label());
        if (violation.isPresent()) {
            return Mono.just(JsonErrors.entity(HttpStatus.BAD_REQUEST, violation.get().message(),
                    violation.get().field(), Map.of()));
        }
        Caller caller = Exchanges.caller(exchange);
        String createdBy = caller == null ? "unsecured" : caller.principal();
        return Mono.fromCallable(() -> subscriptions.create(wanted, createdBy))
                .subscribeOn(Schedulers.boundedElastic())
                .<ResponseEntity<?>>map(made -> ResponseEntity.status(HttpStatus.CREATED)
                        .body(Map.of("success", true, "subscription", shown(made, true))))
                .onErrorResume(TimeoutException.class, e -> Mono.just(JsonErrors.entity(
                        HttpStatus.SERVICE_UNAVAILABLE, "The subscription could not be stored: " + e.getMessage(),
                        null, Map.of())));
    }

    @Operation(operationId = "deleteWebhookSubscription", summary = "Delete a webhook subscription",
            description = "Its deliveries stop; what was parked stays on notification.parked.")
    @ApiResponse(responseCode = "200", description = "The subscription, deleted",
            content = @Content(mediaType = JSON,
                    schema = @Schema(implementation = SubscriptionSchemas.Answer.class)))
    @DeleteMapping(PATH + "/{id}")
    Mono<ResponseEntity<?>> delete(
            @Parameter(description = "The subscription's id, such as sub-5kq2a8c1d0e2") @PathVariable String id) {
        WebhookSubscription subscription = subscriptions.get(id).filter(WebhookSubscription::active).orElse(null);
        if (subscription == null) {
            return Mono.just(noSuchSubscription(id));
        }
        return Mono.fromCallable(() -> subscriptions.delete(subscription)).subscribeOn(Schedulers.boundedElastic())
                .<ResponseEntity<?>>map(deleted -> ResponseEntity.ok(Map.of("success", true, "subscription",
                        shown(deleted, false))))
                .onErrorResume(TimeoutException.class, e -> Mono.just(JsonErrors.entity(
                        HttpStatus.SERVICE_UNAVAILABLE, "The subscription could not be deleted: " + e.getMessage(),
                        null, Map.of())));
    }

    @Operation(operationId = "listRecentDeliveries", summary = "List a subscription's recent delivery attempts",
            description = "The last 20 attempts this gateway instance made for the subscription, newest first: "
                    + "delivered, failed (to be retried) or parked. Other instances keep their own.")
    @ApiResponse(responseCode = "200", description = "The attempts",
            content = @Content(mediaType = JSON,
                    schema = @Schema(implementation = SubscriptionSchemas.RecentList.class)))
    @GetMapping(PATH + "/{id}/deliveries")
    ResponseEntity<?> deliveries(@Parameter(description = "The subscription's id") @PathVariable String id) {
        if (subscriptions.get(id).isEmpty()) {
            return noSuchSubscription(id);
        }
        List<RecentDeliveries.Attempt> attempts = recent.of(id);
        return ResponseEntity.ok(Map.of("success", true, "count", attempts.size(), "deliveries", attempts));
    }

    @Operation(operationId = "listParkedDeliveries", summary = "List a subscription's parked deliveries",
            description = "The deliveries given up after switchboard.notifications.retry-for of retries, newest "
                    + "first, with what was sent and the last error.")
    @ApiResponse(responseCode = "200", description = "The parked deliveries",
            content = @Content(mediaType = JSON,
                    schema = @Schema(implementation = SubscriptionSchemas.ParkedList.class)))
    @GetMapping(PATH + "/{id}/parked")
    Mono<ResponseEntity<?>> parked(
            @Parameter(description = "The subscription's id") @PathVariable String id,
            @Parameter(description = "At most this many (1-1000), newest first") @RequestParam(defaultValue = "100")
            int limit) {
        if (subscriptions.get(id).isEmpty()) {
            return Mono.just(noSuchSubscription(id));
        }
        if (limit < 1 || limit > MAX_PARKED) {
            return Mono.just(JsonErrors.entity(HttpStatus.BAD_REQUEST, "limit must be 1-" + MAX_PARKED, "limit",
                    Map.of()));
        }
        return Mono.fromCallable(() -> parked.list(id, limit)).subscribeOn(Schedulers.boundedElastic())
                .<ResponseEntity<?>>map(list -> ResponseEntity.ok(Map.of("success", true, "count", list.size(),
                        "parked", list)));
    }

    @Operation(operationId = "replayParkedDelivery", summary = "Send a parked delivery again",
            description = "One attempt now, with the same webhook-id (the receiver deduplicates on it) and a new "
                    + "timestamp and signature. 200 when the receiver took it; 502 with its answer when not (it stays "
                    + "parked).")
    @ApiResponse(responseCode = "200", description = "Delivered",
            content = @Content(mediaType = JSON,
                    schema = @Schema(implementation = SubscriptionSchemas.Replayed.class)))
    @PostMapping(PATH + "/{id}/parked/{deliveryId}/replay")
    Mono<ResponseEntity<?>> replay(
            @Parameter(description = "The subscription's id") @PathVariable String id,
            @Parameter(description = "The delivery's webhook-id, as listed") @PathVariable String deliveryId) {
        WebhookSubscription subscription = subscriptions.get(id).filter(WebhookSubscription::active).orElse(null);
        if (subscription == null) {
            return Mono.just(noSuchSubscription(id));
        }
        return Mono.<ResponseEntity<?>>fromCallable(() -> replayNow(subscription, deliveryId))
                .subscribeOn(Schedulers.boundedElastic());
    }

    private ResponseEntity<?> replayNow(WebhookSubscription subscription, String deliveryId) {
        var found = parked.find(subscription.id(), deliveryId);
        if (found.isEmpty()) {
            return JsonErrors.entity(HttpStatus.NOT_FOUND, "No parked delivery " + deliveryId, "deliveryId",
                    Map.of("deliveryId", deliveryId));
        }
        String error = sender.send(subscription, deliveryId, found.get().body());
        return error == null ? ResponseEntity.ok(Map.of("success", true, "deliveryId", deliveryId))
                : JsonErrors.entity(HttpStatus.BAD_GATEWAY, "The receiver did not take it: " + error, null,
                Map.of("deliveryId", deliveryId));
    }

    private static ResponseEntity<Map<String, Object>> noSuchSubscription(String id) {
        return JsonErrors.entity(HttpStatus.NOT_FOUND, "No subscription " + id, "id", Map.of("subscriptionId", id));
    }

    private static String text(JsonNode body, String field) {
        JsonNode value = body.path(field);
        String text = value.isMissingNode() || value.isNull() ? "" : value.asString("").trim();
        return text.isEmpty() ? null : text;
    }

    private static Map<String, Object> shown(WebhookSubscription subscription, boolean withSecret) {
        Map<String, Object> shown = new LinkedHashMap<>();
        shown.put("id", subscription.id());
        shown.put("name", subscription.name());
        shown.put("channel", subscription.channel());
        shown.put("url", subscription.url());
        shown.put("events", subscription.events());
        shown.put("priority", subscription.priority());
        shown.put("capability", subscription.capability());
        shown.put("label", subscription.label());
        shown.put("agent", subscription.agent());
        shown.put("createdBy", subscription.createdBy());
        shown.put("createdAt", subscription.createdAt());
        shown.put("deletedAt", subscription.deletedAt());
        if (withSecret) {
            shown.put("secret", subscription.secret());
        }
        return shown;
    }
}
