package io.switchboard.gateway.security;

import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.authorization.ReactiveAuthorizationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.server.authorization.AuthorizationContext;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** Spring Security's door to {@link AccessPolicy}: one decision per request, the caller kept for later filters. */
final class CallerAccess implements ReactiveAuthorizationManager<AuthorizationContext> {

    private final AccessPolicy policy;
    private final TaskHolders holders;
    private final SecurityProperties.AnonymousReadsFrom anonymousReadsFrom;

    CallerAccess(AccessPolicy policy, TaskHolders holders, SecurityProperties.AnonymousReadsFrom anonymousReadsFrom) {
        this.policy = policy;
        this.holders = holders;
        this.anonymousReadsFrom = anonymousReadsFrom;
    }

    @Override
    public Mono<AuthorizationResult> authorize(Mono<Authentication> authentication, AuthorizationContext context) {
        ServerWebExchange exchange = context.getExchange();
        return authentication.filter(a -> a instanceof CallerAuthentication)
                .map(a -> ((CallerAuthentication) a).caller())
                .map(caller -> decide(exchange, caller))
                .switchIfEmpty(Mono.fromSupplier(() -> decide(exchange, null)))
                .flatMap(access -> resolve(exchange, access));
    }

    private Access decide(ServerWebExchange exchange, Caller caller) {
        Access access = policy.decide(exchange.getRequest().getMethod().name(),
                exchange.getRequest().getPath().pathWithinApplication().value(), caller,
                caller == null && anonymousReadsFrom.admits(exchange.getRequest().getRemoteAddress()));
        if (caller != null) {
            Exchanges.caller(exchange, caller);
        } else if (access instanceof Access.Granted && access.permission() != null) {
            Exchanges.caller(exchange, policy.anonymousCaller().orElse(Caller.ANONYMOUS));
        }
        return access;
    }

    private Mono<AuthorizationResult> resolve(ServerWebExchange exchange, Access access) {
        if (access instanceof Access.Granted) {
            return Mono.just(new AuthorizationDecision(true));
        }
        if (access instanceof Access.Denied denied) {
            Exchanges.refusal(exchange, denied.reason());
        }
        if (access instanceof Access.IfTaskHeldBy held) {
            return holders.holder(held.taskId()).map(holder -> holder.equals(held.agentId())).defaultIfEmpty(false)
                    .map(own -> {
                        if (!own) {
                            Exchanges.refusal(exchange, "task " + held.taskId() + " is not held by agent "
                                    + held.agentId());
                        }
                        return new AuthorizationDecision(own);
                    });
        }
        return Mono.just(new AuthorizationDecision(false));
    }
}
