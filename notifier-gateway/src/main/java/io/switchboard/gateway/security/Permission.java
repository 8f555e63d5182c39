package io.switchboard.gateway.security;

import java.util.Arrays;
import java.util.Optional;

/** What a caller may do; the codes are the seed's ({@code task.assign}, {@code system.config}) and their siblings. */
public enum Permission {
    TASK_READ("task.read"),
    TASK_WRITE("task.write"),
    TASK_ASSIGN("task.assign"),
    AGENT_WRITE("agent.write"),
    SYSTEM_CONFIG("system.config"),
    AUDIT_READ("audit.read"),
    NOTIFICATION_CONFIG("notification.config");

    private final String code;

    Permission(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    public static Optional<Permission> ofCode(String code) {
        return Arrays.stream(values()).filter(p -> p.code.equals(code)).findFirst();
    }
}
