package io.switchboard.aggregate;

import io.switchboard.events.Topics;
import io.switchboard.testing.kafka.KafkaTestBroker;
import io.switchboard.testing.kafka.WithKafka;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.consumer.GroupProtocol;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/**
 * The group settings against a real broker: the test broker's limits are the local and Strimzi brokers' (an external
 * broker, KAFKA_BOOTSTRAP_SERVERS, has its own: skipped there).
 */
@WithKafka
class GroupLimitsTest {

    private static final Topics TOPICS = new Topics("limits-");

    @BeforeEach
    void ourBroker() {
        assumeFalse("external".equals(KafkaTestBroker.kind()), "an external broker has limits of its own");
    }

    @Test
    void theDefaultsAreAllowedAndSetOnTheGroup() throws Exception {
        KafkaClients clients = clients("defaults-service", GroupSettings.DEFAULT);
        assertThat(clients.effectiveGroupSettings()).isEqualTo(GroupSettings.DEFAULT);
        try (Admin admin = admin()) {
            ConfigResource group = new ConfigResource(ConfigResource.Type.GROUP, clients.groupId());
            Config config = admin.describeConfigs(List.of(group)).all().get(10, TimeUnit.SECONDS).get(group);
            assertThat(config.get(GroupLimits.GROUP_SESSION_TIMEOUT).value()).isEqualTo("2000");
            assertThat(config.get(GroupLimits.GROUP_HEARTBEAT_INTERVAL).value()).isEqualTo("500");
        }
    }

    @Test
    void aSessionBelowTheBrokersMinimumIsRaisedToIt() {
        GroupSettings tooShort = new GroupSettings(GroupProtocol.CONSUMER, Duration.ofMillis(400),
                Duration.ofMillis(100), true);
        GroupSettings used = clients("short-service", tooShort).effectiveGroupSettings();
        assertThat(used.protocol()).isEqualTo(GroupProtocol.CONSUMER);
        // The test broker allows sessions from 1 s and heartbeats from 250 ms (EmbeddedBroker.FAILOVER).
        assertThat(used.sessionTimeout()).isEqualTo(Duration.ofSeconds(1));
        assertThat(used.heartbeatInterval()).isEqualTo(Duration.ofMillis(250));
    }

    private static KafkaClients clients(String service, GroupSettings settings) {
        return new KafkaClients(KafkaTestBroker.bootstrapServers(), service, "limits-0", TOPICS,
                Duration.ofSeconds(10), settings);
    }

    private static Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaTestBroker.bootstrapServers()));
    }
}
