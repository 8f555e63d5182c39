package io.switchboard.web;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebInputException;

import java.util.Map;

/** Every error answer is JSON {@code {success: false, error, field?}}; nothing reaches a client as a bare 500. */
@RestControllerAdvice
public class ApiErrors {

    private static final Logger log = LoggerFactory.getLogger(ApiErrors.class);

    @ExceptionHandler(ApiException.class)
    ResponseEntity<Map<String, Object>> api(ApiException e) {
        ResponseEntity.BodyBuilder answer = ResponseEntity.status(e.status());
        if (e.retryAfter() != null) {
            // Whole seconds, rounded up: a client told 0 would retry at once.
            answer.header(HttpHeaders.RETRY_AFTER, String.valueOf(Math.max(1, (e.retryAfter().toMillis() + 999) / 1000)));
        }
        return answer.body(e.body());
    }

    @ExceptionHandler(ServerWebInputException.class)
    ResponseEntity<Map<String, Object>> input(ServerWebInputException e) {
        String field = e.getMethodParameter() == null ? null : e.getMethodParameter().getParameterName();
        return api(ApiException.badRequest("Invalid request: " + e.getReason(), field));
    }

    @ExceptionHandler(ResponseStatusException.class)
    ResponseEntity<Map<String, Object>> status(ResponseStatusException e) {
        HttpStatus status = HttpStatus.resolve(e.getStatusCode().value());
        return api(new ApiException(status == null ? HttpStatus.BAD_REQUEST : status,
                e.getReason() == null ? e.getStatusCode().toString() : e.getReason(), null, Map.of()));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Map<String, Object>> unexpected(Exception e) {
        log.error("Unexpected error", e);
        return api(new ApiException(HttpStatus.INTERNAL_SERVER_ERROR, "Internal error", null, Map.of()));
    }
}
