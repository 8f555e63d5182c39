package io.switchboard.gateway.security;

import org.springframework.web.server.ServerWebExchange;

/**
 * What the security filters learn about a request, kept on the exchange for the filters after them (rate limits,
 * audit): the exchange's attributes survive Spring Security's mutations of the exchange.
 */
public final class Exchanges {

    private static final String CALLER = Exchanges.class.getName() + ".caller";
    private static final String REFUSAL = Exchanges.class.getName() + ".refusal";

    private Exchanges() {
    }

    public static void caller(ServerWebExchange exchange, Caller caller) {
        exchange.getAttributes().put(CALLER, caller);
    }

    /** The checked caller; null if the request had no valid credential (or never got that far). */
    public static Caller caller(ServerWebExchange exchange) {
        return exchange.getAttribute(CALLER);
    }

    static void refusal(ServerWebExchange exchange, String why) {
        exchange.getAttributes().put(REFUSAL, why);
    }

    static String refusal(ServerWebExchange exchange) {
        return exchange.getAttribute(REFUSAL);
    }
}
