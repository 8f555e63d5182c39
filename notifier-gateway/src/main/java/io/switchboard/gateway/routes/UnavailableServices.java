package io.switchboard.gateway.routes;

import io.switchboard.gateway.security.JsonErrors;
import org.springframework.cloud.gateway.support.ServiceUnavailableException;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebExceptionHandler;
import reactor.core.publisher.Mono;

import java.net.ConnectException;
import java.util.Map;
import java.util.concurrent.TimeoutException;

/**
 * A service that is down or too slow answers through the gateway as a JSON 503 (or 504) naming the path, like every
 * other error of the API, instead of the gateway's own error page; an open circuit says so, and every 503 carries a
 * {@code Retry-After} of the breaker's open time.
 */
@Component
@Order(-2)
class UnavailableServices implements WebExceptionHandler {

    private final GatewayProperties gateway;

    UnavailableServices(GatewayProperties gateway) {
        this.gateway = gateway;
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable error) {
        HttpStatus status;
        String message;
        if (error instanceof ServiceUnavailableException) {
            // Only the circuit breaker raises this one: it did not even try the service.
            status = HttpStatus.SERVICE_UNAVAILABLE;
            message = "The service behind this path is failing; the gateway pauses calls to it (circuit open), "
                    + "retry shortly";
        } else if (causedBy(error, ConnectException.class)) {
            status = HttpStatus.SERVICE_UNAVAILABLE;
            message = "The service behind this path is not reachable; retry shortly";
        } else if (causedBy(error, TimeoutException.class)
                || error instanceof ResponseStatusException rse && rse.getStatusCode().value() == 504) {
            status = HttpStatus.GATEWAY_TIMEOUT;
            message = "The service behind this path did not answer in time";
        } else if (error instanceof ResponseStatusException rse) {
            status = HttpStatus.resolve(rse.getStatusCode().value());
            message = rse.getReason() == null ? String.valueOf(status) : rse.getReason();
            if (status == null) {
                return Mono.error(error);
            }
        } else {
            return Mono.error(error);
        }
        ServerHttpResponse response = exchange.getResponse();
        if (response.isCommitted()) {
            return Mono.error(error);
        }
        if (status == HttpStatus.SERVICE_UNAVAILABLE) {
            response.getHeaders().set(HttpHeaders.RETRY_AFTER,
                    String.valueOf(Math.max(1, gateway.breaker().openFor().toSeconds())));
        }
        return JsonErrors.write(exchange, status, message, null,
                Map.of("path", exchange.getRequest().getPath().value()));
    }

    private static boolean causedBy(Throwable error, Class<? extends Throwable> type) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return true;
            }
        }
        return false;
    }

}
