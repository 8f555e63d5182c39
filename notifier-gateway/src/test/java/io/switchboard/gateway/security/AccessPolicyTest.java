package io.switchboard.gateway.security;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;

import static org.assertj.core.api.Assertions.assertThat;

class AccessPolicyTest {

    private static final Caller AGENT = new Caller("bot", Role.AGENT, "agent-a", "k-1", false);
    private static final Caller VIEWER = new Caller("wallboard", Role.VIEWER, null, "k-2", false);

    @Test
    void anonymousReadsOpenReadsAndLiveEventsButNoWrites() {
        AccessPolicy open = new AccessPolicy(true);
        assertThat(open.decide("GET", "/api/tasks", null)).isInstanceOf(Access.Granted.class);
        assertThat(open.decide("GET", "/ws", null)).isInstanceOf(Access.Granted.class);
        assertThat(open.decide("POST", "/socket.io/", null)).isInstanceOf(Access.Granted.class);
        assertThat(open.decide("POST", "/api/tasks", null)).isInstanceOf(Access.Unauthenticated.class);
        assertThat(open.decide("GET", "/api/audit", null)).isInstanceOf(Access.Unauthenticated.class);
        assertThat(new AccessPolicy(false).decide("GET", "/api/tasks", null))
                .isInstanceOf(Access.Unauthenticated.class);
    }

    @Test
    void anonymousReadsAreOpenOnlyToTheAddressesConfigured() throws Exception {
        AccessPolicy open = new AccessPolicy(true);
        assertThat(open.decide("GET", "/api/tasks", null, false)).isInstanceOf(Access.Unauthenticated.class);
        assertThat(open.decide("GET", "/", null, false)).isEqualTo(new Access.Granted(null));
        InetSocketAddress loopback = new InetSocketAddress(InetAddress.getLoopbackAddress(), 50000);
        InetSocketAddress elsewhere = new InetSocketAddress(InetAddress.getByAddress(new byte[] {(byte) 192, 0, 2, 7}),
                50000);
        assertThat(SecurityProperties.AnonymousReadsFrom.LOOPBACK.admits(loopback)).isTrue();
        assertThat(SecurityProperties.AnonymousReadsFrom.LOOPBACK.admits(elsewhere)).isFalse();
        assertThat(SecurityProperties.AnonymousReadsFrom.LOOPBACK.admits(null)).isFalse();
        assertThat(SecurityProperties.AnonymousReadsFrom.ANY.admits(elsewhere)).isTrue();
    }

    @Test
    void publicPathsNeedNothing() {
        AccessPolicy closed = new AccessPolicy(false);
        assertThat(closed.decide("GET", "/", null)).isEqualTo(new Access.Granted(null));
        assertThat(closed.decide("GET", "/actuator/health/readiness", null)).isEqualTo(new Access.Granted(null));
        assertThat(closed.decide("GET", "/actuator/env", null)).isInstanceOf(Access.Unauthenticated.class);
        assertThat(closed.decide("OPTIONS", "/api/tasks", null)).isEqualTo(new Access.Granted(null));
    }

    @Test
    void webhookSubscriptionsAreForAdminsAndOperatorsOnly() {
        AccessPolicy policy = new AccessPolicy(true);
        Caller operator = new Caller("ops", Role.OPERATOR, null, "k-3", false);
        Caller admin = new Caller("root", Role.ADMIN, null, "k-4", false);
        String path = "/api/notifications/subscriptions";
        assertThat(policy.decide("POST", path, operator)).isInstanceOf(Access.Granted.class);
        assertThat(policy.decide("GET", path, admin)).isInstanceOf(Access.Granted.class);
        assertThat(policy.decide("GET", path, VIEWER)).as("their urls are not for every reader")
                .isInstanceOf(Access.Denied.class);
        assertThat(policy.decide("DELETE", path + "/sub-1", AGENT)).isInstanceOf(Access.Denied.class);
        assertThat(policy.decide("GET", path, null)).isInstanceOf(Access.Unauthenticated.class);
    }

    @Test
    void anAgentActsOnlyForItselfAndOnTasksItHolds() {
        AccessPolicy policy = new AccessPolicy(false);
        assertThat(policy.decide("POST", "/api/agents/agent-a/heartbeat", AGENT)).isInstanceOf(Access.Granted.class);
        assertThat(policy.decide("POST", "/api/agents/agent-b/heartbeat", AGENT)).isInstanceOf(Access.Denied.class);
        assertThat(policy.decide("PUT", "/api/tasks/T-1/progress", AGENT))
                .isEqualTo(new Access.IfTaskHeldBy(Permission.TASK_WRITE, "T-1", "agent-a"));
        assertThat(policy.decide("POST", "/api/tasks/T-1/cancel", AGENT)).isInstanceOf(Access.Denied.class);
        assertThat(policy.decide("POST", "/api/tasks/queue/next", AGENT)).isInstanceOf(Access.Denied.class);
    }

    @Test
    void everyRefusalNamesThePermission() {
        AccessPolicy policy = new AccessPolicy(false);
        assertThat(policy.decide("POST", "/api/tasks/T-1/assign", VIEWER))
                .isEqualTo(new Access.Denied(Permission.TASK_ASSIGN, "role viewer lacks permission task.assign"));
        assertThat(policy.required("DELETE", "/api/auth/keys/k-1")).isEqualTo(Permission.SYSTEM_CONFIG);
        assertThat(policy.required("POST", "/api/unknown")).isEqualTo(Permission.SYSTEM_CONFIG);
    }
}
