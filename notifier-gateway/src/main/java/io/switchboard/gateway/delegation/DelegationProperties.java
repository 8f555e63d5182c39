package io.switchboard.gateway.delegation;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * Delegating Switchboard's tasks to A2A agents ({@code switchboard.a2a.delegation.*}).
 *
 * @param enabled        whether this gateway sends tasks assigned to A2A agents and follows them
 * @param pollInterval   how often each task in flight at an A2A agent is asked for its state ({@code tasks/get})
 * @param agentsRefresh  how often the list of A2A agents is read again and each idle one's card fetched, as its
 *                       heartbeat
 * @param requestTimeout how long one call to an A2A agent may take
 * @param callbackUrl    the gateway's address as A2A agents reach it (scheme, host and port), to which an agent that
 *                       offers push notifications and does not stream sends them; when blank, the gateway's own
 *                       port on 127.0.0.1 (an agent on the same machine)
 */
@ConfigurationProperties("switchboard.a2a.delegation")
public record DelegationProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("1s") Duration pollInterval,
        @DefaultValue("5s") Duration agentsRefresh,
        @DefaultValue("10s") Duration requestTimeout,
        String callbackUrl) {
}
