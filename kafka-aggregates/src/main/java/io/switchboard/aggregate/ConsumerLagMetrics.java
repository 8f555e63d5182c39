package io.switchboard.aggregate;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.function.ToDoubleFunction;

/**
 * {@code switchboard.consumer.lag}: records a consumer of this instance has still to read, per consumer and topic,
 * as of its last poll (committed records only; NaN while not known). The state readers' lag is 0 once caught up and
 * grows when the instance falls behind its state topic; the command consumer's is the backlog of commands on the
 * partitions this instance owns.
 */
public final class ConsumerLagMetrics {

    public static final String LAG = "switchboard.consumer.lag";

    private ConsumerLagMetrics() {
    }

    /** The state reader's and the command consumer's lag of {@code runtime}, named after {@code aggregate}. */
    public static void bind(MeterRegistry registry, String aggregate, AggregateRuntime<?, ?, ?> runtime) {
        gauge(registry, aggregate, "state", runtime.stateTopic(), runtime, r -> known(r.store().lag()));
        gauge(registry, aggregate, "commands", runtime.commandTopics(), runtime, r -> known(r.commandLag()));
    }

    /** The reader's lag of a read-only {@code view}. */
    public static void bind(MeterRegistry registry, String aggregate, StateView<?> view) {
        gauge(registry, aggregate, "state", view.topic(), view, v -> known(v.store().lag()));
    }

    private static <T> void gauge(MeterRegistry registry, String aggregate, String consumer, String topic, T source,
                                  ToDoubleFunction<T> lag) {
        Gauge.builder(LAG, source, lag)
                .description("Records still to read by a consumer of this instance, as of its last poll")
                .tag("aggregate", aggregate).tag("consumer", consumer).tag("topic", topic).strongReference(true)
                .register(registry);
    }

    private static double known(long lag) {
        return lag < 0 ? Double.NaN : lag;
    }
}
