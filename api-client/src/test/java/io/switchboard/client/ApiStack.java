package io.switchboard.client;

import io.switchboard.agent.AgentRegistryApplication;
import io.switchboard.assignment.AssignmentApplication;
import io.switchboard.gateway.GatewayApplication;
import io.switchboard.gateway.security.ApiKeySecrets;
import io.switchboard.sla.SlaMonitorApplication;
import io.switchboard.task.TaskServiceApplication;
import io.switchboard.testing.stack.ServiceStack;


/**
 * The whole system in this JVM, as a team deploys it: security on, no anonymous access, an admin key; started once
 * for this module's tests.
 */
final class ApiStack {

    static final String ADMIN_KEY = "api-client-admin-key-01";

    private ApiStack() {
    }

    static ServiceStack shared() {
        return ServiceStack.shared("api-client", null, stack -> {
            stack.start("tasks", TaskServiceApplication.application());
            stack.start("agents", AgentRegistryApplication.application());
            stack.start("assignment", AssignmentApplication.application());
            stack.start("sla", SlaMonitorApplication.application());
            stack.startGateway(GatewayApplication.application(),
                    "--switchboard.security.keys[0].name=api-client-admin",
                    "--switchboard.security.keys[0].role=admin",
                    "--switchboard.security.keys[0].sha256=" + ApiKeySecrets.sha256(ADMIN_KEY));
        });
    }
}
