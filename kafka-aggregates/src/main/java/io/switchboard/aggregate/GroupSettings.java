package io.switchboard.aggregate;

import org.apache.kafka.clients.consumer.GroupProtocol;

import java.time.Duration;

/**
 * How the instances of a service share the partitions of a consumer group, and so how soon a crashed instance's
 * partitions move to another.
 *
 * @param protocol          {@code CONSUMER}, Kafka 4's consumer group protocol (KIP-848): the broker drives
 *                          heartbeats and assigns partitions (its {@code range} assignor), a rebalance moves only the
 *                          partitions that change owner; or {@code CLASSIC}, the client-side protocol
 * @param sessionTimeout    how long a member may go without a heartbeat before the group gives its partitions to
 *                          others: the failure-detection part of every take-over after a crash
 * @param heartbeatInterval how often members heartbeat; also how soon a survivor hears of a new assignment
 * @param staticMembership  join with {@code group.instance.id} = the instance id: a consumer that restarts within
 *                          the session timeout gets its partitions back without moving any other
 */
public record GroupSettings(GroupProtocol protocol, Duration sessionTimeout, Duration heartbeatInterval,
                            boolean staticMembership) {

    /** The services' defaults (see {@link ServiceProperties}). */
    public static final GroupSettings DEFAULT = new GroupSettings(GroupProtocol.CONSUMER, Duration.ofSeconds(2),
            Duration.ofMillis(500), true);

    public GroupSettings {
        if (protocol == null) {
            throw new IllegalArgumentException("A group protocol is required");
        }
        if (sessionTimeout.isNegative() || sessionTimeout.isZero() || heartbeatInterval.isNegative()
                || heartbeatInterval.isZero() || heartbeatInterval.compareTo(sessionTimeout) >= 0) {
            throw new IllegalArgumentException("Need 0 < heartbeat interval (" + heartbeatInterval
                    + ") < session timeout (" + sessionTimeout + ")");
        }
    }

    /** The same with the session timeout and heartbeat interval given. */
    GroupSettings withTimes(Duration session, Duration heartbeat) {
        return new GroupSettings(protocol, session, heartbeat, staticMembership);
    }
}
