package io.switchboard.gateway.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;

/**
 * Who may call the gateway. There is no default key: outside the local profile every credential is configured
 * ({@code keys}) or created by an admin ({@code POST /api/auth/keys}).
 *
 * @param enabled        off only for tests and trusted setups; then every request acts as admin
 * @param anonymousReads reads and live events without a credential (writes still need one); on in the local profile
 * @param anonymousReadsFrom whom anonymous reads (and the anonymous role) are open to: {@code LOOPBACK} (callers on
 *                       this machine, the default) or {@code ANY} address
 * @param anonymousRole  for a trusted network only: the role a request without a credential acts as ({@code viewer}
 *                       or {@code operator}), so that seed-era clients, which send none, work unchanged; off (empty)
 *                       by default. Refused at start unless the gateway listens on loopback only
 *                       ({@code server.address}) or {@code anonymousRoleConfirmed} is true
 * @param anonymousRoleConfirmed that the network in front of the gateway is trusted with {@code anonymousRole}
 * @param keys           keys from configuration, by their SHA-256 (env SWITCHBOARD_SECURITY_KEYS_0_SHA256, ...)
 * @param jwt            how a bearer token's claims map to a caller (the issuer is Spring's
 *                       {@code spring.security.oauth2.resourceserver.jwt.*})
 * @param rateLimit      requests per credential
 * @param gatewayToken   when set, sent to the services on every routed request (they accept nothing without it)
 * @param audit          how much of the audit log the gateway keeps in memory for {@code GET /api/audit}
 */
@ConfigurationProperties("switchboard.security")
public record SecurityProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("false") boolean anonymousReads,
        @DefaultValue("LOOPBACK") AnonymousReadsFrom anonymousReadsFrom,
        String anonymousRole,
        @DefaultValue("false") boolean anonymousRoleConfirmed,
        @DefaultValue List<ConfiguredKey> keys,
        @DefaultValue Jwt jwt,
        @DefaultValue RateLimit rateLimit,
        String gatewayToken,
        @DefaultValue Audit audit) {

    /** Whose anonymous reads are let in, by the address the connection comes from. */
    public enum AnonymousReadsFrom {
        LOOPBACK, ANY;

        public boolean admits(InetSocketAddress remote) {
            return this == ANY || remote != null && remote.getAddress() != null
                    && remote.getAddress().isLoopbackAddress();
        }
    }

    /** A key given by configuration: only its hash, never the key. */
    public record ConfiguredKey(String name, String role, String agentId, String sha256) {
    }

    /** @param roleClaim the claim holding the role (a string, or a list whose first known role counts) */
    public record Jwt(@DefaultValue("role") String roleClaim, @DefaultValue("agent_id") String agentIdClaim) {
    }

    /** @param requests how many requests one credential may make per {@code period} (429 beyond) */
    public record RateLimit(@DefaultValue("true") boolean enabled, @DefaultValue("1000") int requests,
                            @DefaultValue("1s") Duration period) {
    }

    /**
     * @param keep         the newest entries held in memory; older ones stay in Kafka
     * @param writeTimeout how long an answer waits for its entry's acknowledgement by Kafka (then 503)
     */
    public record Audit(@DefaultValue("10000") int keep, @DefaultValue("1000") int maxLimit,
                        @DefaultValue("5s") Duration writeTimeout) {
    }
}
