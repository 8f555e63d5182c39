package io.switchboard.web;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * A write to the API that carries a body must say it is JSON: a form or text body read as JSON by accident is
 * worse than a clear 415. Writes without a body (start, complete, cancel) need no Content-Type.
 */

public class JsonOnlyFilter implements WebFilter {

    private static final Set<HttpMethod> WITH_BODY = Set.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH);
    private static final byte[] ERROR = ("{\"success\":false,\"error\":\"Content-Type must be application/json\","
            + "\"field\":\"Content-Type\"}").getBytes(StandardCharsets.UTF_8);

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        if (!request.getPath().value().startsWith("/api/") || !WITH_BODY.contains(request.getMethod())
                || !hasBody(request) || isJson(contentType(request))) {
            return chain.filter(exchange);
        }
        ServerHttpResponse response = exchange.getResponse();
        response.setStatusCode(HttpStatus.UNSUPPORTED_MEDIA_TYPE);
        response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
        DataBuffer body = response.bufferFactory().wrap(ERROR);
        return response.writeWith(Mono.just(body));
    }

    private static boolean hasBody(ServerHttpRequest request) {
        return request.getHeaders().getContentLength() > 0
                || request.getHeaders().containsHeader("Transfer-Encoding");
    }

    private static MediaType contentType(ServerHttpRequest request) {
        try {
            return request.getHeaders().getContentType();
        } catch (InvalidMediaTypeException e) {
            return null;
        }
    }

    private static boolean isJson(MediaType type) {
        return type != null && (MediaType.APPLICATION_JSON.isCompatibleWith(type)
                || type.getSubtype().endsWith("+json"));
    }
}
