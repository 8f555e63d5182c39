package io.switchboard.aggregate;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.MemberToRemove;
import org.apache.kafka.clients.admin.RemoveMembersFromConsumerGroupOptions;
import org.apache.kafka.common.errors.UnreleasedInstanceIdException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Frees this instance's static membership when Kafka says another member holds it. Seen after a broker restart in
 * the middle of load: the consumer was fenced by a member with its own instance id, and every new consumer was then
 * refused ("the instance id is owned by ...") for minutes, so the instance stopped deciding. An instance id belongs to
 * one instance only (its transactional id fences any earlier life of it), so the member that holds it is this
 * instance's own dead consumer: remove it the way Kafka's tools do (an admin LeaveGroup by instance id), and the next
 * consumer joins.
 */
public final class StaticMembers {

    private static final Logger log = LoggerFactory.getLogger(StaticMembers.class);
    private static final long TIMEOUT_SECONDS = 10;

    private StaticMembers() {
    }

    /**
     * When {@code failure} says this instance's membership is held by another member, remove that member. Only on
     * the refusal of a new consumer, not on a fencing: a consumer that was fenced may have been replaced by this
     * instance's live one, which must keep the id; its next consumer is refused if the holder is a dead one.
     */
    public static void releaseIfHeld(KafkaClients clients, Admin admin, Throwable failure) {
        if (!(failure instanceof UnreleasedInstanceIdException) || !clients.groupSettings().staticMembership()) {
            return;
        }
        String group = clients.groupId();
        String instance = clients.instanceId();
        try {
            admin.removeMembersFromConsumerGroup(group, new RemoveMembersFromConsumerGroupOptions(
                    List.of(new MemberToRemove(instance)))).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            log.info("Removed the member that held instance id {} in group {}; the next consumer joins in its place",
                    instance, group);
        } catch (ExecutionException | TimeoutException e) {
            log.warn("Could not remove the member holding instance id {} in group {}: {}", instance, group,
                    e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
