package io.switchboard.gateway.security;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.Set;

/**
 * The check on {@code switchboard.security.anonymous-role} at start: a role for callers without a credential opens
 * writes to anyone who can reach the gateway, so it is taken only for a gateway that listens on loopback alone, or
 * when the operator confirmed the network is trusted; and only for the roles that make sense without an identity.
 */
final class AnonymousRole {

    private static final Set<Role> ALLOWED = Set.of(Role.VIEWER, Role.OPERATOR);

    private AnonymousRole() {
    }

    /** The role to act as, none when unset; refuses (the gateway does not start) a setting it cannot take. */
    static Optional<Role> checked(SecurityProperties security, String serverAddress) {
        String code = security.anonymousRole();
        if (code == null || code.isBlank()) {
            return Optional.empty();
        }
        Role role = Role.ofCode(code).filter(ALLOWED::contains).orElseThrow(() -> new IllegalStateException(
                "switchboard.security.anonymous-role must be viewer or operator, not '" + code + "'"));
        if (!security.anonymousRoleConfirmed() && !loopbackOnly(serverAddress)) {
            throw new IllegalStateException("switchboard.security.anonymous-role=" + role.code() + " lets anyone who"
                    + " reaches the gateway act as " + role.code() + " without a credential, and the gateway listens"
                    + " on " + (serverAddress == null ? "every address" : serverAddress) + ". Bind it to loopback"
                    + " (server.address=127.0.0.1) or confirm the network is trusted"
                    + " (switchboard.security.anonymous-role-confirmed=true)");
        }
        return Optional.of(role);
    }

    private static boolean loopbackOnly(String serverAddress) {
        if (serverAddress == null || serverAddress.isBlank()) {
            return false;
        }
        try {
            return InetAddress.getByName(serverAddress).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
