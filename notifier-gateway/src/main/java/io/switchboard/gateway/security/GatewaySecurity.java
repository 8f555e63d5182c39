package io.switchboard.gateway.security;

import io.switchboard.aggregate.KafkaClients;
import io.switchboard.aggregate.ServiceProperties;
import io.switchboard.aggregate.StateView;
import io.switchboard.events.MessageType;
import io.switchboard.events.security.ApiKeyRecord;
import io.switchboard.events.serde.MessageCodec;
import io.switchboard.gateway.routes.GatewayProperties;
import io.switchboard.web.GatewayOnlyFilter;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.server.resource.web.server.authentication.ServerBearerTokenAuthenticationConverter;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authentication.AuthenticationWebFilter;
import org.springframework.security.web.server.authentication.ServerAuthenticationEntryPointFailureHandler;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.config.web.server.SecurityWebFiltersOrder;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Who may call the gateway: API keys ({@code X-API-Key}, or {@code ?apiKey=} only where a browser cannot set headers:
 * the WebSocket, SSE and Socket.IO handshakes, see {@link CredentialsInUrl}) and, when an issuer or key set is configured, JWT bearer tokens; then {@link AccessPolicy}
 * decides. 401 and 403 answer in the API's JSON error shape. Nothing is kept in a session: every request carries its
 * credential.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SecurityProperties.class)
class GatewaySecurity {

    static final String API_KEY_HEADER = "X-API-Key";
    static final String API_KEY_PARAM = "apiKey";
    static final String ACCESS_TOKEN_PARAM = "access_token";

    @Bean
    AccessPolicy accessPolicy(SecurityProperties security, Environment environment) {
        return new AccessPolicy(security.anonymousReads(),
                AnonymousRole.checked(security, environment.getProperty("server.address")).orElse(null));
    }

    @Bean
    StateView<ApiKeyRecord> apiKeyView(KafkaClients clients, MessageCodec codec, ServiceProperties service) {
        return new StateView<>(clients.forPart("keys"), codec, MessageType.API_KEY, ApiKeyRecord::id,
                record -> record.revokedAt() == null ? 1 : 2, service.startTimeout());
    }

    @Bean
    ApiKeyStore apiKeyStore(SecurityProperties security, StateView<ApiKeyRecord> view, KafkaClients clients,
                            Clock clock, ServiceProperties service) {
        return new ApiKeyStore(security.keys(), view, clients.forPart("keys").commandProducer(), clock,
                service.commandTimeout());
    }

    @Bean
    TaskHolders taskHolders(GatewayProperties gateway, SecurityProperties security) {
        WebClient.Builder client = WebClient.builder().baseUrl(gateway.tasksUrl().toString());
        if (security.gatewayToken() != null) {
            client.defaultHeader(GatewayOnlyFilter.HEADER, security.gatewayToken());
        }
        return new TaskHolders(client.build(), gateway.responseTimeout());
    }

    @Bean
    SecurityWebFilterChain gatewaySecurityChain(ServerHttpSecurity http, SecurityProperties security,
                                                AccessPolicy policy, ApiKeyStore keys, TaskHolders holders,
                                                ObjectProvider<ReactiveJwtDecoder> jwtDecoder) {
        http.csrf(ServerHttpSecurity.CsrfSpec::disable)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .requestCache(cache -> cache.disable())
                .securityContextRepository(NoOpServerSecurityContextRepository.getInstance());
        if (!security.enabled()) {
            return http.authorizeExchange(exchanges -> exchanges.anyExchange().permitAll()).build();
        }
        ServerAuthenticationEntryPoint unauthenticated = (exchange, e) -> JsonErrors.write(exchange,
                HttpStatus.UNAUTHORIZED, "A valid API key (X-API-Key) or bearer token is required"
                        + (e instanceof BadCredentialsException ? ": " + e.getMessage() : ""),
                API_KEY_HEADER, Map.of());
        ServerAccessDeniedHandler denied = (exchange, e) -> JsonErrors.write(exchange, HttpStatus.FORBIDDEN,
                Optional.ofNullable(Exchanges.refusal(exchange)).orElse("Not permitted"), "permission",
                permissionOf(policy, exchange));

        AuthenticationWebFilter apiKeys = new AuthenticationWebFilter(apiKeyAuthentication(keys));
        apiKeys.setServerAuthenticationConverter(GatewaySecurity::apiKeyOf);
        apiKeys.setAuthenticationFailureHandler(new ServerAuthenticationEntryPointFailureHandler(unauthenticated));
        apiKeys.setSecurityContextRepository(NoOpServerSecurityContextRepository.getInstance());
        http.addFilterAt(apiKeys, SecurityWebFiltersOrder.AUTHENTICATION);

        ReactiveJwtDecoder decoder = jwtDecoder.getIfAvailable();
        if (decoder != null) {
            ServerBearerTokenAuthenticationConverter bearer = new ServerBearerTokenAuthenticationConverter();
            bearer.setAllowUriQueryParameter(true);
            http.oauth2ResourceServer(server -> server.bearerTokenConverter(exchange -> bearerOf(bearer, exchange))
                    .authenticationEntryPoint(unauthenticated)
                    .jwt(jwt -> jwt.jwtDecoder(decoder)
                            .jwtAuthenticationConverter(token -> Mono.just(fromToken(token, security.jwt())))));
        }
        return http.exceptionHandling(handling -> handling.authenticationEntryPoint(unauthenticated)
                        .accessDeniedHandler(denied))
                .authorizeExchange(exchanges -> exchanges.anyExchange().access(new CallerAccess(policy, holders,
                        security.anonymousReadsFrom())))
                .build();
    }

    private static Map<String, String> permissionOf(AccessPolicy policy, ServerWebExchange exchange) {
        Permission needed = policy.required(exchange.getRequest().getMethod().name(),
                exchange.getRequest().getPath().pathWithinApplication().value());
        return needed == null ? Map.of() : Map.of("permission", needed.code());
    }

    private static Mono<Authentication> apiKeyOf(ServerWebExchange exchange) {
        String key = exchange.getRequest().getHeaders().getFirst(API_KEY_HEADER);
        if (key == null) {
            key = exchange.getRequest().getQueryParams().getFirst(API_KEY_PARAM);
            if (key != null && !CredentialsInUrl.allowed(exchange)) {
                return Mono.error(new BadCredentialsException(CredentialsInUrl.refusal(API_KEY_PARAM,
                        "the " + API_KEY_HEADER + " header")));
            }
        }
        return key == null || key.isBlank() ? Mono.empty()
                : Mono.just(UsernamePasswordAuthenticationToken.unauthenticated(API_KEY_HEADER, key.trim()));
    }

    /** A bearer token in the URL ({@code ?access_token=}) only where a key may be there too. */
    private static Mono<Authentication> bearerOf(ServerBearerTokenAuthenticationConverter bearer,
                                                 ServerWebExchange exchange) {
        if (!CredentialsInUrl.allowed(exchange)
                && exchange.getRequest().getQueryParams().containsKey(ACCESS_TOKEN_PARAM)) {
            return Mono.error(new BadCredentialsException(CredentialsInUrl.refusal(ACCESS_TOKEN_PARAM,
                    "the Authorization header")));
        }
        return bearer.convert(exchange);
    }

    private static ReactiveAuthenticationManager apiKeyAuthentication(ApiKeyStore keys) {
        return authentication -> Mono.justOrEmpty(keys.authenticate((String) authentication.getCredentials()))
                .<Authentication>map(CallerAuthentication::new)
                .switchIfEmpty(Mono.error(() -> new BadCredentialsException("unknown or revoked API key")));
    }

    /** A token's subject is the principal; its role claim (a string, or a list: the first known role) the role. */
    static CallerAuthentication fromToken(Jwt token, SecurityProperties.Jwt claims) {
        Object claim = token.getClaims().get(claims.roleClaim());
        Collection<?> candidates = claim instanceof Collection<?> list ? list : claim == null ? List.of()
                : List.of(claim);
        Role role = candidates.stream().map(String::valueOf).map(Role::ofCode).flatMap(Optional::stream).findFirst()
                .orElseThrow(() -> new BadCredentialsException("the token's " + claims.roleClaim()
                        + " claim names no Switchboard role"));
        String agentId = token.getClaimAsString(claims.agentIdClaim());
        if (role == Role.AGENT && agentId == null) {
            throw new BadCredentialsException("an agent token needs the " + claims.agentIdClaim() + " claim");
        }
        return new CallerAuthentication(new Caller(token.getSubject(), role, agentId, "jwt:" + token.getSubject(),
                false));
    }
}
