package io.switchboard.agent.registry;

import java.time.Duration;

/**
 * The registry's rules where an agent does not say: its heartbeat interval (zero: it is not expected to beat), how
 * many intervals it may miss before it counts as gone, its starting reliability and how fast reliability follows
 * outcomes (the weight of the newest outcome in an exponentially weighted success rate).
 */
public record RegistryDefaults(Duration heartbeatInterval, int missedHeartbeats, double reliability,
                               double reliabilityWeight, int maxConcurrentTasks) {
}
