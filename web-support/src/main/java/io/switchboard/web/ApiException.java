package io.switchboard.web;

import org.springframework.http.HttpStatus;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** A request that cannot be served, with the JSON body that says why: {@code {error, field, ...}}. */
public class ApiException extends RuntimeException {

    private final HttpStatus status;
    private final String field;
    private final Map<String, Object> extra;
    private final Duration retryAfter;

    public ApiException(HttpStatus status, String error, String field, Map<String, Object> extra) {
        this(status, error, field, extra, null);
    }

    private ApiException(HttpStatus status, String error, String field, Map<String, Object> extra,
                         Duration retryAfter) {
        super(error);
        this.status = status;
        this.field = field;
        this.extra = extra;
        this.retryAfter = retryAfter;
    }

    /** 503 with a {@code Retry-After}: nothing was done, and trying again after that long may succeed. */
    public static ApiException unavailable(String error, Duration retryAfter) {
        return new ApiException(HttpStatus.SERVICE_UNAVAILABLE, error, null, Map.of(), retryAfter);
    }

    /** How long a client should wait before it retries; null when the answer does not say. */
    public Duration retryAfter() {
        return retryAfter;
    }

    public static ApiException badRequest(String error, String field) {
        return new ApiException(HttpStatus.BAD_REQUEST, error, field, Map.of());
    }

    /** 404 in the seed's shape: {@code {error: "Task not found", taskId}}. */
    public static ApiException notFound(String kind, String idField, String id) {
        return new ApiException(HttpStatus.NOT_FOUND, kind + " not found", null, Map.of(idField, id));
    }

    public HttpStatus status() {
        return status;
    }

    public Map<String, Object> body() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("success", false);
        body.put("error", getMessage());
        if (field != null) {
            body.put("field", field);
        }
        body.putAll(extra);
        return body;
    }
}
