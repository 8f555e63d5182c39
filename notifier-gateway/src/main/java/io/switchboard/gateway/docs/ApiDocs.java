package io.switchboard.gateway.docs;

import io.switchboard.gateway.routes.GatewayProperties;
import io.switchboard.gateway.security.SecurityProperties;
import io.switchboard.web.GatewayOnlyFilter;
import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.cloud.gateway.route.builder.RouteLocatorBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The API documents through the gateway: each service's OpenAPI document at {@code /v3/api-docs/<service>} (routed
 * to the service's own {@code /v3/api-docs}), all of them merged at {@code /v3/api-docs} ({@link MergedApiDocs}),
 * Swagger UI at {@code /api/docs} listing them, and the AsyncAPI document of the topics at {@code /asyncapi.yaml}.
 */
@Configuration(proxyBeanMethods = false)
public class ApiDocs {

    /** The services whose documents the gateway serves, by the name in their path, in the order shown. */
    public static Map<String, URI> services(GatewayProperties gateway) {
        Map<String, URI> services = new LinkedHashMap<>();
        services.put("tasks", gateway.tasksUrl());
        services.put("agents", gateway.agentsUrl());
        services.put("assignment", gateway.assignmentUrl());
        services.put("sla", gateway.slaUrl());
        return services;
    }

    @Bean
    RouteLocator apiDocsRoutes(RouteLocatorBuilder routes, GatewayProperties gateway, SecurityProperties security) {
        RouteLocatorBuilder.Builder builder = routes.routes();
        services(gateway).forEach((name, url) -> builder.route("api-docs-" + name, r -> r.order(0)
                .path("/v3/api-docs/" + name).filters(f -> {
                    f.setPath("/v3/api-docs");
                    if (security.gatewayToken() != null) {
                        f.setRequestHeader(GatewayOnlyFilter.HEADER, security.gatewayToken());
                    }
                    return f;
                }).uri(url)));
        return builder.build();
    }
}
