package io.switchboard.task.kafka;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

import java.util.List;

/** DOWN when one of the Kafka loops died: such an instance can no longer apply or answer writes. */
public final class KafkaWorkersHealth implements HealthIndicator {

    private final KafkaWorkers workers;

    public KafkaWorkersHealth(KafkaWorkers workers) {
        this.workers = workers;
    }

    @Override
    public Health health() {
        List<String> stopped = workers.stoppedLoops();
        return stopped.isEmpty() ? Health.up().build() : Health.down().withDetail("stopped", stopped).build();
    }
}
