package io.switchboard.gateway.routes;

import io.switchboard.gateway.security.SecurityProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.cloud.gateway.route.builder.GatewayFilterSpec;
import org.springframework.cloud.gateway.route.builder.RouteLocatorBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;


/**
 * The REST API on one port, each part to the service that owns it. The assignment endpoints live under
 * {@code /api/tasks} too, so their routes come first. Safe methods are retried on a failed connection or a 502-504;
 * writes never are (a write may have been applied). Each service has its own circuit breaker ({@link CircuitBreakers}).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(GatewayProperties.class)
class ApiRoutes {

    @Bean
    RouteLocator switchboardRoutes(RouteLocatorBuilder routes, GatewayProperties gateway,
                                   SecurityProperties security) {
        return routes.routes()
                .route("assignment", r -> r.order(0)
                        .path("/api/tasks/*/assign", "/api/tasks/queue/next", "/api/tasks/report/**", "/api/capacity")
                        .filters(f -> resilient(f, security, "assignment-service", gateway)).uri(gateway.assignmentUrl()))
                .route("tasks", r -> r.order(1).path("/api/tasks", "/api/tasks/**")
                        .filters(f -> resilient(f, security, "task-service", gateway)).uri(gateway.tasksUrl()))
                .route("agents", r -> r.order(1).path("/api/agents", "/api/agents/**")
                        .filters(f -> resilient(f, security, "agent-registry-service", gateway)).uri(gateway.agentsUrl()))
                .route("sla", r -> r.order(1).path("/api/sla", "/api/sla/**")
                        .filters(f -> resilient(f, security, "sla-monitor-service", gateway)).uri(gateway.slaUrl()))
                .route("socket.io", r -> r.order(1).path("/socket.io", "/socket.io/**")
                        .uri("http://127.0.0.1:" + gateway.socketIoPort()))
                .build();
    }

    private static GatewayFilterSpec resilient(GatewayFilterSpec filters, SecurityProperties security, String service,
                                               GatewayProperties gateway) {
        filters.filter(new ForwardedRequest(security.gatewayToken()));
        // The breaker wraps the retries: one client request is one call, however often it was retried. It counts
        // failed connections and timeouts only: a service's own 5xx answer reaches the client unchanged. A service's
        // 503 is not retried: it is its considered answer (Kafka unreachable, with a Retry-After), and asking again at
        // once would only make a read wait three times as long.
        return filters
                .setRequestSize(gateway.maxBodyBytes())
                .circuitBreaker(breaker -> breaker.setName(service))
                .retry(retry -> retry.setRetries(gateway.retries())
                        .setMethods(HttpMethod.GET, HttpMethod.HEAD)
                        // Without this, every 5xx (the filter's default series) is retried, whatever the statuses.
                        .setSeries()
                        .setStatuses(HttpStatus.BAD_GATEWAY, HttpStatus.GATEWAY_TIMEOUT));
    }

}
