package io.switchboard.gateway.security;

/** What {@link AccessPolicy} decides about one request. */
public sealed interface Access {

    /** The permission the request needs; null for public paths. */
    Permission permission();

    /** Let it through. */
    record Granted(Permission permission) implements Access {
    }

    /** No credential, and the path needs one: 401. */
    record Unauthenticated(Permission permission) implements Access {
    }

    /** A credential without the right: 403. */
    record Denied(Permission permission, String reason) implements Access {
    }

    /** An agent acting on a task: allowed only if the task is held by that agent (checked against task-service). */
    record IfTaskHeldBy(Permission permission, String taskId, String agentId) implements Access {
    }
}
