package io.switchboard.aggregate;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsSpec;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The first step of taking partitions over: fence the transactional producer of a previous owner that is no longer
 * in the group (it crashed, or the group expelled it), so that whatever transaction it left open is aborted now.
 *
 * <p>Without this, such a transaction holds everything back until the broker aborts it after the transaction
 * timeout (plus up to {@code transaction.abort.timed.out.transaction.cleanup.interval.ms}): the new owner's first
 * read of its committed offsets waits for it (Kafka answers a pending transactional offset commit with "unstable"),
 * and every {@code read_committed} reader of the partitions it wrote (the state topic, the events, for the decider
 * task-service's commands) stops at its first record. A restart of the same instance fences it too (same
 * transactional id); this is for when the instance does not come back, or not at once.
 *
 * <p>Who owned a partition before is in the metadata of its last committed offset ({@link KafkaClients#offset}). A
 * previous owner still in the group (it handed the partition over in a rebalance) committed before it let go and is
 * left alone; only one that is gone is fenced. When a step fails, nothing is fenced and the take-over waits for the
 * transaction timeout, as it would without this.
 */
public final class PreviousOwners {

    private static final Logger log = LoggerFactory.getLogger(PreviousOwners.class);
    private static final long TIMEOUT_SECONDS = 10;

    private PreviousOwners() {
    }

    /** Fences the gone previous owners of {@code taken}; answers the instances it fenced. */
    public static Set<String> fence(KafkaClients clients, Admin admin, Collection<TopicPartition> taken)
            throws InterruptedException {
        if (taken.isEmpty()) {
            return Set.of();
        }
        String group = clients.groupId();
        try {
            // The last stable commit (requireStable is off by default), which a pending transaction does not hold up.
            Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(Map.of(group,
                            new ListConsumerGroupOffsetsSpec().topicPartitions(List.copyOf(taken))))
                    .partitionsToOffsetAndMetadata(group).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            Set<String> previous = new TreeSet<>();
            offsets.values().forEach(offset -> {
                String instance = KafkaClients.committer(offset);
                if (instance != null && !instance.equals(clients.instanceId())) {
                    previous.add(instance);
                }
            });
            if (previous.isEmpty()) {
                return Set.of();
            }
            previous.removeAll(members(clients, admin, group));
            if (previous.isEmpty()) {
                return Set.of();
            }
            List<String> ids = previous.stream().map(clients::transactionalIdOf).toList();
            admin.fenceProducers(ids).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            log.info("Instance {} fenced {} (previous owners of {} no longer in group {}): their open transactions "
                    + "are aborted", clients.instanceId(), ids, taken, group);
            return previous;
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            log.warn("Instance {} could not fence the previous owners of {} ({}); their open transactions, if any, "
                    + "hold the take-over until they time out", clients.instanceId(), taken, e.toString());
            return Set.of();
        }
    }

    /** The instances in the group now, by their static instance id or by their command consumer's client id. */
    private static Set<String> members(KafkaClients clients, Admin admin, String group)
            throws InterruptedException, ExecutionException, TimeoutException {
        ConsumerGroupDescription description = admin.describeConsumerGroups(List.of(group)).all()
                .get(TIMEOUT_SECONDS, TimeUnit.SECONDS).get(group);
        String clientPrefix = clients.commandClientIdOf("");
        Set<String> members = new HashSet<>();
        for (MemberDescription member : description.members()) {
            member.groupInstanceId().ifPresent(members::add);
            if (member.clientId().startsWith(clientPrefix)) {
                members.add(member.clientId().substring(clientPrefix.length()));
            }
        }
        return members;
    }
}
