package io.switchboard.gateway.security;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.node.ObjectNode;

import io.switchboard.events.serde.MessageCodec;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The API's error shape, {@code {success: false, error, field, ...}} ({@code field} when one is to blame), written by
 * the gateway's filters and handlers that answer themselves.
 */
public final class JsonErrors {

    private JsonErrors() {
    }

    /** The same error as a controller's answer. */
    public static ResponseEntity<Map<String, Object>> entity(HttpStatus status, String error, String field,
                                                             Map<String, String> extra) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("success", false);
        body.put("error", error);
        if (field != null) {
            body.put("field", field);
        }
        body.putAll(extra);
        return ResponseEntity.status(status).body(body);
    }

    public static Mono<Void> write(ServerWebExchange exchange, HttpStatus status, String error, String field,
                                   Map<String, String> extra) {
        ServerHttpResponse response = exchange.getResponse();
        if (response.isCommitted()) {
            return Mono.empty();
        }
        ObjectNode body = MessageCodec.jsonMapper().createObjectNode();
        body.put("success", false);
        body.put("error", error);
        if (field != null) {
            body.put("field", field);
        }
        extra.forEach(body::put);
        response.setStatusCode(status);
        response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
        DataBuffer buffer = response.bufferFactory().wrap(MessageCodec.jsonMapper().writeValueAsBytes(body));
        return response.writeWith(Mono.just(buffer));
    }
}
