package io.switchboard.gateway.security;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import static io.switchboard.gateway.security.Permission.AGENT_WRITE;
import static io.switchboard.gateway.security.Permission.AUDIT_READ;
import static io.switchboard.gateway.security.Permission.NOTIFICATION_CONFIG;
import static io.switchboard.gateway.security.Permission.TASK_ASSIGN;
import static io.switchboard.gateway.security.Permission.TASK_READ;
import static io.switchboard.gateway.security.Permission.TASK_WRITE;

/**
 * The four roles. An agent holds task.write and agent.write only for its own tasks and its own heartbeat
 * ({@link AccessPolicy} narrows them); an operator runs the work but cannot change keys or configuration.
 */
public enum Role {
    ADMIN(EnumSet.allOf(Permission.class)),
    OPERATOR(EnumSet.of(TASK_READ, TASK_WRITE, TASK_ASSIGN, AGENT_WRITE, AUDIT_READ, NOTIFICATION_CONFIG)),
    AGENT(EnumSet.of(TASK_READ, TASK_WRITE, AGENT_WRITE)),
    VIEWER(EnumSet.of(TASK_READ));

    private final Set<Permission> permissions;

    Role(Set<Permission> permissions) {
        this.permissions = permissions;
    }

    public Set<Permission> permissions() {
        return permissions;
    }

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Role> ofCode(String code) {
        return code == null ? Optional.empty()
                : Arrays.stream(values()).filter(r -> r.code().equalsIgnoreCase(code.trim())).findFirst();
    }
}
