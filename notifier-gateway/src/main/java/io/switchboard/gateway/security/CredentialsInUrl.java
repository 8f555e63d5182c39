package io.switchboard.gateway.security;

import org.springframework.web.server.ServerWebExchange;

/**
 * Where a credential may travel in the URL: only the live-event handshakes, which a browser opens without a way to set
 * headers (WebSocket, EventSource, Socket.IO). Elsewhere a key in the URL would end up in access logs, proxies and
 * browser history, so it is refused rather than used.
 */
final class CredentialsInUrl {

    private CredentialsInUrl() {
    }

    static boolean allowed(ServerWebExchange exchange) {
        String path = exchange.getRequest().getPath().pathWithinApplication().value();
        return path.equals("/ws") || path.equals("/api/events") || path.equals("/socket.io")
                || path.startsWith("/socket.io/");
    }

    static String refusal(String parameter, String instead) {
        return "a credential in the URL (?" + parameter + "=) is accepted only for the WebSocket, SSE and Socket.IO "
                + "handshakes: send it in " + instead;
    }
}
