package io.switchboard.gateway.routes;

import io.switchboard.gateway.security.Caller;
import io.switchboard.gateway.security.Exchanges;
import io.switchboard.web.GatewayOnlyFilter;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.util.MultiValueMap;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.UriComponentsBuilder;
import reactor.core.publisher.Mono;

import java.net.URI;
import java.util.List;
import java.util.Set;

/**
 * What a service receives of a caller's request, made in one copy of the request (each of Spring Cloud Gateway's
 * header and parameter filters copies the headers again, and the parameter one rebuilds the URI even when there is
 * nothing to remove: together about an eighth of the gateway's profile samples on a read, docs/benchmarks.md):
 * <ul>
 * <li>the caller's credential stays at the gateway (its headers, and its URL parameters where a handshake allowed
 * them); the services trust the gateway's token instead, when one is set;</li>
 * <li>the actor the services record in a history is the checked caller, never a header the caller sent;</li>
 * <li>a write sent without a body and without Content-Length ({@code curl -X POST}) goes on as an empty body: sent
 * chunked, the services would read a body of unknown type (415).</li>
 * </ul>
 */
final class ForwardedRequest implements GatewayFilter {

    /** The header the services take the acting principal from (their history's "by"). */
    static final String ACTOR = "X-Switchboard-Actor";
    private static final List<String> CREDENTIAL_HEADERS = List.of("X-API-Key", HttpHeaders.AUTHORIZATION);
    private static final Set<String> CREDENTIAL_PARAMETERS = Set.of("apiKey", "access_token");

    private final String gatewayToken;

    /** @param gatewayToken the token the services require of the gateway, or null when they require none */
    ForwardedRequest(String gatewayToken) {
        this.gatewayToken = gatewayToken;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        Caller caller = Exchanges.caller(exchange);
        boolean emptyBody = !HttpMethod.GET.equals(request.getMethod()) && request.getHeaders().getContentLength() < 0
                && !request.getHeaders().containsHeader(HttpHeaders.TRANSFER_ENCODING);
        ServerHttpRequest.Builder forwarded = request.mutate().headers(headers -> {
            CREDENTIAL_HEADERS.forEach(headers::remove);
            headers.remove(ACTOR);
            if (caller != null && !caller.anonymous()) {
                headers.set(ACTOR, caller.principal());
            }
            if (gatewayToken != null) {
                headers.set(GatewayOnlyFilter.HEADER, gatewayToken);
            }
            if (emptyBody) {
                headers.setContentLength(0);
            }
        });
        URI withoutCredentials = withoutCredentials(request);
        if (withoutCredentials != null) {
            forwarded.uri(withoutCredentials);
        }
        return chain.filter(exchange.mutate().request(forwarded.build()).build());
    }

    /** The request's URI without its credential parameters; null when it has none (the usual case: no new URI). */
    private static URI withoutCredentials(ServerHttpRequest request) {
        MultiValueMap<String, String> parameters = request.getQueryParams();
        if (CREDENTIAL_PARAMETERS.stream().noneMatch(parameters::containsKey)) {
            return null;
        }
        UriComponentsBuilder uri = UriComponentsBuilder.fromUri(request.getURI());
        CREDENTIAL_PARAMETERS.forEach(uri::replaceQueryParam);
        return uri.build(true).toUri();
    }
}
