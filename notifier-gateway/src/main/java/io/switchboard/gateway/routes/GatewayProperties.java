package io.switchboard.gateway.routes;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.net.URI;
import java.time.Duration;

/**
 * Where the services are (Kubernetes service names work: SWITCHBOARD_GATEWAY_TASKS_URL=http://task-service:8081) and
 * how the gateway treats them.
 *
 * @param tasksUrl      task-service
 * @param agentsUrl     agent-registry-service
 * @param assignmentUrl assignment-service
 * @param slaUrl        sla-monitor-service
 * @param retries       retries of a GET or HEAD that failed to connect or answered 502/504 (never of writes, nor of a
 *                      service's own 503)
 * @param maxBodyBytes  the largest request body accepted (413 beyond)
 * @param socketIoPort  the internal port of the Socket.IO server; clients reach it at the gateway's /socket.io
 * @param breaker       when the gateway stops calling a failing service for a while
 */
@ConfigurationProperties("switchboard.gateway")
public record GatewayProperties(
        @DefaultValue("http://localhost:8081") URI tasksUrl,
        @DefaultValue("http://localhost:8082") URI agentsUrl,
        @DefaultValue("http://localhost:8083") URI assignmentUrl,
        @DefaultValue("http://localhost:8084") URI slaUrl,
        @DefaultValue("2") int retries,
        @DefaultValue("1048576") long maxBodyBytes,
        @DefaultValue("15s") Duration responseTimeout,
        @DefaultValue("8090") int socketIoPort,
        @DefaultValue Breaker breaker) {

    /**
     * A service's circuit opens when at least {@code failureRatePercent} of its last {@code window} calls (and at
     * least {@code minimumCalls}) failed to connect or timed out; it stays open {@code openFor},
     * then {@code trialCalls} requests decide whether it closes again.
     */
    public record Breaker(
            @DefaultValue("10") int window,
            @DefaultValue("5") int minimumCalls,
            @DefaultValue("50") float failureRatePercent,
            @DefaultValue("5s") Duration openFor,
            @DefaultValue("2") int trialCalls) {
    }
}
