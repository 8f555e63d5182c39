package io.switchboard.aggregate;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

import java.util.List;

/**
 * An aggregate's part of readiness: OUT_OF_SERVICE until the runtime has read its whole state topic at start (an
 * instance that answers before would miss states), DOWN when one of its Kafka loops died (it can no longer apply or
 * answer writes), else UP. Details: the state topic, whether it caught up, and the lags of its consumers.
 */
public final class AggregateRuntimeHealth implements HealthIndicator {

    private final AggregateRuntime<?, ?, ?> runtime;

    public AggregateRuntimeHealth(AggregateRuntime<?, ?, ?> runtime) {
        this.runtime = runtime;
    }

    @Override
    public Health health() {
        Health.Builder health;
        List<String> stopped = runtime.stoppedLoops();
        if (!runtime.caughtUp()) {
            health = Health.outOfService();
        } else if (!stopped.isEmpty()) {
            health = Health.down().withDetail("stopped", stopped);
        } else {
            health = Health.up();
        }
        return health.withDetail("stateTopic", runtime.stateTopic())
                .withDetail("caughtUp", runtime.caughtUp())
                .withDetail("stateLag", runtime.store().lag())
                .withDetail("commandLag", runtime.commandLag())
                .build();
    }
}
