package io.switchboard.gateway;

import io.switchboard.agent.AgentRegistryApplication;
import io.switchboard.assignment.AssignmentApplication;
import io.switchboard.sla.SlaMonitorApplication;
import io.switchboard.task.TaskServiceApplication;
import io.switchboard.testing.clock.MutableClock;
import io.switchboard.testing.http.Api;
import io.switchboard.testing.stack.ServiceStack;

import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every service and the gateway (security off) in this JVM, started once for the test classes that share it: they
 * make their own tasks and agents and assert on those only, and none moves the shared clock.
 */
final class WholeSystem {

    static final MutableClock CLOCK = new MutableClock(Instant.now());

    private WholeSystem() {
    }

    static ServiceStack shared() {
        return ServiceStack.shared("whole", CLOCK, stack -> {
            stack.start("tasks", TaskServiceApplication.application());
            stack.start("agents", AgentRegistryApplication.application());
            stack.start("assignment", AssignmentApplication.application());
            stack.start("sla", SlaMonitorApplication.application());
            stack.startGateway(GatewayApplication.application(), "--switchboard.security.enabled=false",
                    "--switchboard.a2a.keep-alive=1s");
        });
    }

    static Api gateway() {
        return shared().api("gateway");
    }

    /** A name no other test of the shared system uses. */
    static String unique(String what) {
        return what + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Registers an agent with one capability and room for one task, through the gateway. */
    static void agent(String id, String capability) {
        Api.Answer registered = gateway().post("/api/agents", "{\"id\":\"" + id + "\",\"name\":\"" + id + "\","
                + "\"capabilities\":[\"" + capability + "\"],\"maxConcurrentTasks\":1,\"heartbeatIntervalMs\":0}");
        assertThat(registered.status()).as(registered.body()).isEqualTo(201);
    }
}
