package io.switchboard.web;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.http.client.ReactorResourceFactory;
import org.springframework.web.filter.reactive.ServerWebExchangeContextFilter;

/**
 * Import this into a service: JSON error answers for every failure, JSON-only bodies on writes, request ids, and
 * gateway-only access when a gateway token is set.
 */
@Configuration(proxyBeanMethods = false)
@Import({ApiErrors.class, JsonOnlyFilter.class, RequestIdFilter.class, GatewayOnlyFilter.class})
public class WebSupportConfiguration {

    /**
     * Netty event loops of this application only. With Reactor's global resources (the default), stopping one
     * application stops the loops of every other one in the same JVM, as when tests run several services together.
     */
    /** The exchange in every request's Reactor context, so {@link ConsistentReads} can mark a stale answer. */
    @Bean
    ServerWebExchangeContextFilter serverWebExchangeContextFilter() {
        return new ServerWebExchangeContextFilter();
    }

    @Bean
    ReactorResourceFactory reactorResourceFactory() {
        ReactorResourceFactory factory = new ReactorResourceFactory();
        factory.setUseGlobalResources(false);
        return factory;
    }
}
