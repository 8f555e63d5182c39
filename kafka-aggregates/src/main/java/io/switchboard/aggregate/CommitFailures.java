package io.switchboard.aggregate;

import org.apache.kafka.clients.consumer.CommitFailedException;
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
