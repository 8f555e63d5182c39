package io.switchboard.aggregate;

import org.apache.kafka.clients.consumer.GroupProtocol;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;
import java.util.UUID;

/**
 * What every Switchboard service that keeps aggregates in Kafka is configured with, each overridable by environment
 * variable (SWITCHBOARD_INSTANCE_ID, SWITCHBOARD_COMMAND_TIMEOUT, ...).
 *
 * @param instanceId         names this instance: its transactional ids and the address of its command replies. Keep
 *                           it stable across restarts of one instance (a StatefulSet pod name, say) so that a
 *                           restarted instance fences and aborts what its previous life left open at once; two live
 *                           instances must never share one. Random when not set.
 * @param topicPrefix        prefix of every topic and consumer group, for several deployments on one cluster
 * @param partitions         partitions of the topics a service creates when they are missing
 * @param replication        their replication factor
 * @param commandTimeout     how long a REST write waits for its command to be applied before answering 503
 * @param readYourWrites     make every read wait until this instance has read the state topic up to its end, so a
 *                           write answered by any instance is seen by the next read on any other
 * @param readTimeout        the longest such a wait may take before the read answers 503
 * @param readStaleAfter     when the broker cannot be reached, how long a read waits before it answers from this
 *                           instance's state, marked stale (header {@code X-Switchboard-Stale-Ms}), or, when it
 *                           asked for a version this instance has not seen, answers 503 with {@code Retry-After}
 * @param startTimeout       how long a starting instance may take to read its state topics before it gives up
 *                           (readiness stays down meanwhile; a million tasks take about a minute on 2 cores)
 * @param transactionTimeout Kafka transaction timeout: how long a crashed instance's open transaction can hold
 *                           readers back before the broker aborts it, if neither a restart of the instance nor the
 *                           new owner of its partitions fences it first (they do, see {@link PreviousOwners})
 * @param groupProtocol      {@code consumer} (Kafka 4's consumer group protocol, KIP-848) or {@code classic}: how the
 *                           instances share the command topics' partitions (docs/production.md says why consumer)
 * @param sessionTimeout     how long an instance may go without a heartbeat before its partitions go to the others:
 *                           most of a take-over after a crash. The broker must allow it (its
 *                           {@code group.consumer.min.session.timeout.ms}, or {@code group.min.session.timeout.ms}
 *                           for classic); what it does not allow is raised to its minimum, with a warning
 * @param heartbeatInterval  how often instances heartbeat (and so how soon a survivor hears of its new partitions);
 *                           below the session timeout, within the broker's {@code group.consumer.*heartbeat*} bounds
 * @param staticMembership   join the groups with {@code group.instance.id} = the instance id, so that a consumer
 *                           restarted within the session timeout takes its partitions back without moving others';
 *                           safe because two live instances never share an instance id (random unless set)
 * @param idleCommitDelay    how long a command processor with nothing to apply waits before it commits offsets that
 *                           moved only past other producers' transaction markers (an offsets-only transaction).
 *                           Under load the next batch's commit carries them anyway; a new assignment decider waits
 *                           for them when it takes over, so this is also added to a take-over at most
 * @param commitGap          how long after its last commit a command processor that has commands goes on
 *                           gathering more before it begins the next transaction. A transaction begun at once finds
 *                           the coordinator still writing the previous one's markers and is refused
 *                           (CONCURRENT_TRANSACTIONS) until they are written; gathering meanwhile makes fewer, fuller
 *                           transactions. A processor idle for longer than this begins at once
 * @param compression        how the services' producers compress what they write ({@code compression.type}: none,
 *                           gzip, snappy, lz4, zstd); consumers read any of them
 */
@ConfigurationProperties("switchboard")
public record ServiceProperties(
        String instanceId,
        @DefaultValue("") String topicPrefix,
        @DefaultValue("6") int partitions,
        @DefaultValue("1") short replication,
        @DefaultValue("10s") Duration commandTimeout,
        @DefaultValue("true") boolean readYourWrites,
        @DefaultValue("5s") Duration readTimeout,
        @DefaultValue("500ms") Duration readStaleAfter,
        @DefaultValue("10s") Duration transactionTimeout,
        @DefaultValue("10m") Duration startTimeout,
        @DefaultValue("consumer") GroupProtocol groupProtocol,
        @DefaultValue("2s") Duration sessionTimeout,
        @DefaultValue("500ms") Duration heartbeatInterval,
        @DefaultValue("true") boolean staticMembership,
        @DefaultValue("200ms") Duration idleCommitDelay,
        @DefaultValue("4ms") Duration commitGap,
        @DefaultValue(KafkaClients.DEFAULT_COMPRESSION) String compression) {

    public ServiceProperties {
        instanceId = instanceId == null || instanceId.isBlank() ? UUID.randomUUID().toString() : instanceId;
    }

    /** How the instances share their consumer groups' partitions. */
    public GroupSettings groupSettings() {
        return new GroupSettings(groupProtocol, sessionTimeout, heartbeatInterval, staticMembership);
    }

    /** Runtime settings for an aggregate whose timers tick every {@code tick} (zero: no timers). */
    public AggregateRuntime.Settings runtimeSettings(Duration tick) {
        return new AggregateRuntime.Settings(commandTimeout, readTimeout, tick, startTimeout, idleCommitDelay,
                commitGap);
    }
}
