package io.switchboard.events.security;

import java.time.Instant;

/**
 * An API key the gateway accepts, as kept on the compacted {@code gateway.api-keys} topic (keyed by {@code id}). Only
 * the SHA-256 of the key is stored: the key itself is shown once, to the admin who created it.
 *
 * @param id        the key's id (not secret), used to list and revoke it
 * @param name      what or who the key is for
 * @param role      admin, operator, agent or viewer
 * @param agentId   for the agent role: the one agent the key acts for
 * @param sha256    lowercase hex SHA-256 of the key
 * @param createdAt when it was created
 * @param revokedAt when it was revoked; null while it is valid
 */
public record ApiKeyRecord(String id, String name, String role, String agentId, String sha256, Instant createdAt,
                           Instant revokedAt) {

    public ApiKeyRecord revoked(Instant at) {
        return new ApiKeyRecord(id, name, role, agentId, sha256, createdAt, at);
    }
}
