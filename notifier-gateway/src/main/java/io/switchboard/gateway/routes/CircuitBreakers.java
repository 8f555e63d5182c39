package io.switchboard.gateway.routes;

import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.timelimiter.TimeLimiterConfig;
import org.springframework.cloud.circuitbreaker.resilience4j.ReactiveResilience4JCircuitBreakerFactory;
import org.springframework.cloud.circuitbreaker.resilience4j.Resilience4JConfigBuilder;
import org.springframework.cloud.client.circuitbreaker.Customizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * One circuit breaker per service: when most recent calls to a service fail to connect or time out, the gateway
 * stops calling it for a while and answers 503 at once, so a dead service costs callers no connect timeouts and
 * gets no load while it restarts; a few trial calls then close the breaker by themselves.
 */
@Configuration(proxyBeanMethods = false)
class CircuitBreakers {

    @Bean
    Customizer<ReactiveResilience4JCircuitBreakerFactory> serviceBreakers(GatewayProperties gateway) {
        GatewayProperties.Breaker breaker = gateway.breaker();
        CircuitBreakerConfig circuit = CircuitBreakerConfig.custom()
                .slidingWindowSize(breaker.window())
                .minimumNumberOfCalls(breaker.minimumCalls())
                .failureRateThreshold(breaker.failureRatePercent())
                .waitDurationInOpenState(breaker.openFor())
                .permittedNumberOfCallsInHalfOpenState(breaker.trialCalls())
                .automaticTransitionFromOpenToHalfOpenEnabled(true)
                .build();
        // The breaker's own time limit would cut long requests short; the HTTP client's response timeout governs.
        TimeLimiterConfig noExtraLimit = TimeLimiterConfig.custom()
                .timeoutDuration(gateway.responseTimeout().plus(gateway.responseTimeout()))
                .build();
        return factory -> factory.configureDefault(id -> new Resilience4JConfigBuilder(id)
                .circuitBreakerConfig(circuit).timeLimiterConfig(noExtraLimit).build());
    }
}
