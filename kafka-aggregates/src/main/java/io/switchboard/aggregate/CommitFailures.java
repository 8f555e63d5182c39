package io.switchboard.aggregate;

import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.common.errors.CoordinatorLoadInProgressException;
import org.apache.kafka.common.errors.CoordinatorNotAvailableException;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.errors.NotCoordinatorException;
import org.apache.kafka.common.errors.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What a failed transactional commit means for the loop that made it. */
public final class CommitFailures {

    private static final Logger log = LoggerFactory.getLogger(CommitFailures.class);

    private CommitFailures() {
    }

    /**
     * Whether a transaction was refused only because the group epoch its offsets carried is no longer the member's.
     * With the consumer protocol every member's epoch moves on whenever the group's membership changes (a member
     * joins, or crashes and is removed), and a transaction that sent its offsets with the epoch of just before is
     * refused until the member's next heartbeat brings the new one. The caller aborts it and does the work again;
     * restarting the consumer for it would cost a second and another rebalance. A member that really lost its
     * partitions learns so in its next poll, and the coordinator refuses its offsets meanwhile: nothing it does
     * counts.
     */
    /**
     * Whether a transaction failed only because its group's coordinator could not take its offsets just now: it is
     * loading the group (a broker just restarted, which answers "group not found" until it has read the group back),
     * moving, or did not answer in time. The member is still in the group; the work is done again shortly.
     */
    public static boolean coordinatorMoving(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof GroupIdNotFoundException || cause instanceof CoordinatorLoadInProgressException
                    || cause instanceof CoordinatorNotAvailableException || cause instanceof NotCoordinatorException
                    || cause instanceof TimeoutException) {
                log.info("Transaction refused while the group coordinator is unavailable ({}); aborted, to be done "
                        + "again", cause.toString());
                return true;
            }
        }
        return false;
    }

    public static boolean staleEpoch(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof CommitFailedException) {
                log.info("Transaction refused for an old group epoch ({}); aborted, to be done again",
                        cause.getMessage());
                return true;
            }
        }
        return false;
    }
}
