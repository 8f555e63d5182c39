package io.switchboard.gateway.security;

import java.util.Set;

/**
 * Who is calling, once the gateway has checked the credential.
 *
 * @param principal    the key's name, the token's subject, or "anonymous"
 * @param role         the role the credential grants
 * @param agentId      for the agent role: the agent it acts for
 * @param credentialId the key id or token subject: what rate limits count per
 * @param anonymous    no credential was given (only reads when anonymous reads are on; or the configured anonymous
 *                     role's permissions)
 */
public record Caller(String principal, Role role, String agentId, String credentialId, boolean anonymous) {

    public static final Caller ANONYMOUS = anonymousAs(Role.VIEWER);

    /** A caller without a credential acting as {@code role} (a trusted network's setting). */
    public static Caller anonymousAs(Role role) {
        return new Caller("anonymous", role, null, "anonymous", true);
    }

    public Set<Permission> permissions() {
        return role.permissions();
    }

    public boolean may(Permission permission) {
        return permissions().contains(permission);
    }
}
