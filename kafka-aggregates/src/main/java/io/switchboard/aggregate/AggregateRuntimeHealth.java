package io.switchboard.aggregate;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

import java.util.List;

/** DOWN when one of a runtime's Kafka loops died: such an instance can no longer apply or answer writes. */
public final class AggregateRuntimeHealth implements HealthIndicator {

    private final AggregateRuntime<?, ?, ?> runtime;

    public AggregateRuntimeHealth(AggregateRuntime<?, ?, ?> runtime) {
        this.runtime = runtime;
    }

    @Override
    public Health health() {
        List<String> stopped = runtime.stoppedLoops();
        return stopped.isEmpty() ? Health.up().build() : Health.down().withDetail("stopped", stopped).build();
    }
}
