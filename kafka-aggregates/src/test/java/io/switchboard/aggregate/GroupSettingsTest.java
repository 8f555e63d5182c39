package io.switchboard.aggregate;

import io.switchboard.events.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.GroupProtocol;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.RangeAssignor;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The command consumer's group settings, and how they are brought within a broker's bounds. */
class GroupSettingsTest {

    private static final GroupSettings CONSUMER = GroupSettings.DEFAULT;
    private static final GroupSettings CLASSIC = new GroupSettings(GroupProtocol.CLASSIC, Duration.ofSeconds(2),
            Duration.ofMillis(500), false);

    private final KafkaClients clients = new KafkaClients("localhost:9", "task-service", "task-service-0",
            new Topics("p-"), Duration.ofSeconds(10));

    @Test
    void consumerProtocolLeavesTheTimesToTheGroupAndAssignsRangeWise() {
        Map<String, Object> config = clients.commandConsumerConfig(CONSUMER);
        assertThat(config).containsEntry(ConsumerConfig.GROUP_PROTOCOL_CONFIG, "consumer")
                .containsEntry(ConsumerConfig.GROUP_REMOTE_ASSIGNOR_CONFIG, "range")
                .containsEntry(ConsumerConfig.GROUP_ID_CONFIG, "p-task-service")
                .containsEntry(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, "task-service-0")
                // The consumer protocol refuses these in the client's configuration.
                .doesNotContainKeys(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG,
                        ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG);
    }

    @Test
    void classicProtocolAsksForItsTimesAndTheRangeAssigner() {
        Map<String, Object> config = clients.commandConsumerConfig(CLASSIC);
        assertThat(config).containsEntry(ConsumerConfig.GROUP_PROTOCOL_CONFIG, "classic")
                .containsEntry(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 2000)
                .containsEntry(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 500)
                .containsEntry(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, RangeAssignor.class.getName())
                .doesNotContainKeys(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, ConsumerConfig.GROUP_REMOTE_ASSIGNOR_CONFIG);
    }

    @Test
    void aPartHasItsOwnGroupAndTransactionalIdButTheSameInstanceAndSettings() {
        KafkaClients holdings = clients.forPart("holdings");
        assertThat(holdings.groupId()).isEqualTo("p-task-service-holdings");
        assertThat(holdings.transactionalId()).isEqualTo("p-task-service-holdings-task-service-0");
        assertThat(holdings.groupSettings()).isEqualTo(clients.groupSettings());
        assertThat(clients.transactionalId()).isEqualTo("p-task-service-task-service-0");
    }

    @Test
    void committedOffsetsNameTheInstanceThatCommittedThem() {
        assertThat(KafkaClients.committer(clients.offset(42))).isEqualTo("task-service-0");
        assertThat(clients.offset(42).offset()).isEqualTo(42);
        assertThat(KafkaClients.committer(new OffsetAndMetadata(42))).isNull();
        assertThat(KafkaClients.committer(new OffsetAndMetadata(42, "something else"))).isNull();
        assertThat(KafkaClients.committer(null)).isNull();
    }

    @Test
    void timesTheBrokerAllowsAreKept() {
        Map<String, Long> broker = Map.of("group.consumer.min.session.timeout.ms", 1000L,
                "group.consumer.max.session.timeout.ms", 60_000L, "group.consumer.min.heartbeat.interval.ms", 250L,
                "group.consumer.max.heartbeat.interval.ms", 15_000L, "group.min.session.timeout.ms", 1000L,
                "group.max.session.timeout.ms", 1_800_000L);
        assertThat(GroupLimits.fit(CONSUMER, broker::get)).isEqualTo(CONSUMER);
        assertThat(GroupLimits.fit(CLASSIC, broker::get)).isEqualTo(CLASSIC);
    }

    @Test
    void timesBelowTheBrokersMinimumsAreRaisedToThem() {
        // Kafka's own defaults: 45 s and 5 s for the consumer protocol, 6 s for classic groups.
        Map<String, Long> broker = Map.of("group.consumer.min.session.timeout.ms", 45_000L,
                "group.consumer.max.session.timeout.ms", 60_000L, "group.consumer.min.heartbeat.interval.ms", 5_000L,
                "group.consumer.max.heartbeat.interval.ms", 15_000L, "group.min.session.timeout.ms", 6_000L,
                "group.max.session.timeout.ms", 1_800_000L);
        GroupSettings consumer = GroupLimits.fit(CONSUMER, broker::get);
        assertThat(consumer.sessionTimeout()).isEqualTo(Duration.ofSeconds(45));
        assertThat(consumer.heartbeatInterval()).isEqualTo(Duration.ofSeconds(5));
        GroupSettings classic = GroupLimits.fit(CLASSIC, broker::get);
        assertThat(classic.sessionTimeout()).isEqualTo(Duration.ofSeconds(6));
        assertThat(classic.heartbeatInterval()).isEqualTo(Duration.ofMillis(500));
        assertThat(classic.staticMembership()).isFalse();
    }

    @Test
    void unknownBoundsChangeNothing() {
        assertThat(GroupLimits.fit(CONSUMER, name -> null)).isEqualTo(CONSUMER);
    }

    @Test
    void theHeartbeatMustBeShorterThanTheSession() {
        assertThatThrownBy(() -> new GroupSettings(GroupProtocol.CONSUMER, Duration.ofSeconds(1), Duration.ofSeconds(1),
                true)).isInstanceOf(IllegalArgumentException.class);
    }
}
