package io.switchboard.aggregate;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.consumer.GroupProtocol;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.config.ConfigResource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A group's session timeout and heartbeat interval as the service asks for them, within what the broker allows.
 *
 * <p>With the classic protocol the consumer asks for them itself, and the broker refuses a member whose session
 * timeout is outside {@code group.min.session.timeout.ms} .. {@code group.max.session.timeout.ms} (6 s .. 30 min by
 * default): such a consumer would never join. With the consumer protocol (KIP-848) the broker decides: its
 * {@code group.consumer.session.timeout.ms} and {@code group.consumer.heartbeat.interval.ms} (45 s and 5 s by
 * default), or a group's own {@code consumer.session.timeout.ms} and {@code consumer.heartbeat.interval.ms}, which
 * this sets, within {@code group.consumer.min/max.session.timeout.ms} and {@code ..heartbeat.interval.ms}. Either
 * way, a value the broker would refuse is brought within its bounds, with a warning: the service keeps working, only
 * its failover is slower than configured.
 */
final class GroupLimits {

    private static final Logger log = LoggerFactory.getLogger(GroupLimits.class);
    private static final long TIMEOUT_SECONDS = 10;
    static final String GROUP_SESSION_TIMEOUT = "consumer.session.timeout.ms";
    static final String GROUP_HEARTBEAT_INTERVAL = "consumer.heartbeat.interval.ms";

    private GroupLimits() {
    }

    /**
     * The settings to use for {@code group}; for the consumer protocol, also sets the group's own configuration. Null
     * when the broker could not be asked (the caller goes on with what it wanted, and asks again later).
     */
    static GroupSettings apply(Admin admin, String group, GroupSettings wanted) throws InterruptedException {
        try {
            Collection<Node> nodes = admin.describeCluster().nodes().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            ConfigResource broker = new ConfigResource(ConfigResource.Type.BROKER,
                    String.valueOf(nodes.iterator().next().id()));
            Config config = admin.describeConfigs(List.of(broker)).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS)
                    .get(broker);
            ConfigEntry protocols = config.get("group.coordinator.rebalance.protocols");
            if (wanted.protocol() == GroupProtocol.CONSUMER && (protocols == null || protocols.value() == null
                    || !protocols.value().contains("consumer"))) {
                // Kafka 3.x, or a broker with the consumer protocol turned off: a consumer asking for it never joins.
                log.warn("Group {}: the broker does not offer the consumer group protocol (group.coordinator."
                        + "rebalance.protocols = {}); using the classic one", group,
                        protocols == null ? null : protocols.value());
                wanted = new GroupSettings(GroupProtocol.CLASSIC, wanted.sessionTimeout(), wanted.heartbeatInterval(),
                        wanted.staticMembership());
            }
            GroupSettings fitted = fit(wanted, name -> {
                ConfigEntry entry = config.get(name);
                return entry == null || entry.value() == null ? null : Long.valueOf(entry.value());
            });
            if (!fitted.equals(wanted)) {
                log.warn("Group {}: the broker does not allow a session timeout of {} and a heartbeat interval of {} "
                                + "({} protocol); using {} and {}, so a crashed instance's partitions move that much later."
                                + " Lower the broker's {} to allow them.", group, wanted.sessionTimeout(),
                        wanted.heartbeatInterval(), wanted.protocol(), fitted.sessionTimeout(),
                        fitted.heartbeatInterval(), wanted.protocol() == GroupProtocol.CONSUMER
                                ? "group.consumer.min.session.timeout.ms and group.consumer.min.heartbeat.interval.ms"
                                : "group.min.session.timeout.ms");
            }
            if (fitted.protocol() == GroupProtocol.CONSUMER) {
                ConfigResource resource = new ConfigResource(ConfigResource.Type.GROUP, group);
                admin.incrementalAlterConfigs(Map.of(resource, List.of(
                        set(GROUP_SESSION_TIMEOUT, fitted.sessionTimeout()),
                        set(GROUP_HEARTBEAT_INTERVAL, fitted.heartbeatInterval()))))
                        .all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            }
            return fitted;
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            log.warn("Group {}: could not read the broker's group limits or set the group's session timeout ({}); "
                    + "going on with {} and asking again with the next consumer", group, e.toString(), wanted);
            return null;
        }
    }

    /** Brings the wanted times within the broker's bounds ({@code bound} gives a broker setting, null if unknown). */
    static GroupSettings fit(GroupSettings wanted, java.util.function.Function<String, Long> bound) {
        boolean consumer = wanted.protocol() == GroupProtocol.CONSUMER;
        String prefix = consumer ? "group.consumer." : "group.";
        long session = clamp(wanted.sessionTimeout().toMillis(), bound.apply(prefix + "min.session.timeout.ms"),
                bound.apply(prefix + "max.session.timeout.ms"));
        long heartbeat = wanted.heartbeatInterval().toMillis();
        if (consumer) {
            heartbeat = clamp(heartbeat, bound.apply("group.consumer.min.heartbeat.interval.ms"),
                    bound.apply("group.consumer.max.heartbeat.interval.ms"));
        }
        if (heartbeat >= session) {
            // A longer session than asked for (the broker's minimum): keep three heartbeats in it.
            heartbeat = Math.max(1, session / 3);
        }
        return wanted.withTimes(Duration.ofMillis(session), Duration.ofMillis(heartbeat));
    }

    private static long clamp(long value, Long min, Long max) {
        long result = value;
        if (min != null && result < min) {
            result = min;
        }
        if (max != null && result > max) {
            result = max;
        }
        return result;
    }

    private static AlterConfigOp set(String name, Duration value) {
        return new AlterConfigOp(new ConfigEntry(name, String.valueOf(value.toMillis())), AlterConfigOp.OpType.SET);
    }
}
