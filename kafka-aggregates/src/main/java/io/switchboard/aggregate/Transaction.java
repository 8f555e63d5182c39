package io.switchboard.aggregate;

import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The one way the loops of this runtime write: the records and the consumer offsets they were made from, in one
 * Kafka transaction that commits whole or not at all. Every loop (the command processors' batches, idle offset
 * commits and timers, the assignment decider's rounds) goes through here, so they cannot drift apart in how they
 * abort and what they take a refusal to mean.
 */
public final class Transaction {

    private static final Logger log = LoggerFactory.getLogger(Transaction.class);
    /** How long a loop waits before doing again a transaction its group's coordinator could not take. */
    static final Duration COORDINATOR_RETRY_BACKOFF = Duration.ofMillis(250);

    /** How a transaction ended, when it did not throw. */
    public enum Outcome {
        /** Everything was written and the offsets moved. */
        COMMITTED,
        /**
         * Aborted because the group epoch of its offsets was just replaced ({@link CommitFailures#staleEpoch}), or
         * because the group's coordinator is moving or reloading (a broker restarting,
         * {@link CommitFailures#coordinatorMoving}): nothing of it happened, and the caller does the same work again
         * from the offsets it last committed, with the consumer and producer it has. Replacing them would make the
         * consumer join the group again while the coordinator is still loading it.
         */
        RETRY
    }

    private Transaction() {
    }

    /**
     * Sends {@code records} and commits {@code offsets} (none when empty) for {@code group} in one transaction.
     * Throws when it failed for any other reason (fenced, the broker gone, a record refused): the transaction is
     * aborted if it can be, and the caller replaces its producer and consumer.
     */
    public static Outcome commit(KafkaProducer<String, byte[]> producer, List<ProducerRecord<String, byte[]>> records,
                                 Map<TopicPartition, OffsetAndMetadata> offsets, ConsumerGroupMetadata group) {
        producer.beginTransaction();
        try {
            for (ProducerRecord<String, byte[]> record : records) {
                producer.send(record);
            }
            if (!offsets.isEmpty()) {
                producer.sendOffsetsToTransaction(offsets, group);
            }
            producer.commitTransaction();
            return Outcome.COMMITTED;
        } catch (RuntimeException e) {
            boolean aborted = abortQuietly(producer);
            if (aborted && CommitFailures.staleEpoch(e)) {
                return Outcome.RETRY;
            }
            if (aborted && CommitFailures.coordinatorMoving(e)) {
                pause(); // the coordinator needs a moment: retrying at once would only spin against it
                return Outcome.RETRY;
            }
            throw e;
        }
    }

    private static void pause() {
        try {
            Thread.sleep(COORDINATOR_RETRY_BACKOFF.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Aborts the open transaction; false when that failed too (the producer is then replaced). */
    private static boolean abortQuietly(KafkaProducer<String, byte[]> producer) {
        try {
            producer.abortTransaction();
            return true;
        } catch (RuntimeException e) {
            log.debug("Abort failed; the producer will be replaced", e);
            return false;
        }
    }
}
