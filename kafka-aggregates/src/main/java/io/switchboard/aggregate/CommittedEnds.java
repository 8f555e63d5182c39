package io.switchboard.aggregate;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Where some topics end: the high watermark of each of their partitions (every record appended, in a transaction
 * still open or not), asked of the broker with one request that concurrent callers share ({@link CoalescedRequest}).
 * <p>
 * Not the last stable offset: a producer's {@code commitTransaction()} returns once the coordinator has decided the
 * commit, and the commit markers reach the partitions a moment later. Until they do, the last stable offset stays
 * before that transaction, so a read just after a write answered by another instance would wait for the state before
 * the write, and see it. Every record of a transaction committed before the call is below the high watermark, and a
 * read-committed reader gets past it only once the markers are there. The price: a read also waits for transactions
 * still open when it began (a batch in flight, a few milliseconds; a crashed producer's until it is fenced).
 */
final class CommittedEnds {

    private final Admin admin;
    private final List<String> topics;
    private final CoalescedRequest<Map<TopicPartition, Long>> request = new CoalescedRequest<>(this::list);
    private volatile Map<TopicPartition, OffsetSpec> partitions;

    CommittedEnds(Admin admin, List<String> topics) {
        this.admin = admin;
        this.topics = List.copyOf(topics);
    }

    CompletableFuture<Map<TopicPartition, Long>> ask(Duration timeout) {
        return request.ask(timeout);
    }

    /** See {@link CoalescedRequest#unanswered()}. */
    Duration unanswered() {
        return request.unanswered();
    }

    private CompletableFuture<Map<TopicPartition, Long>> list(Duration timeout) {
        return partitions().thenCompose(all -> admin.listOffsets(all,
                        new ListOffsetsOptions(IsolationLevel.READ_UNCOMMITTED).timeoutMs((int) timeout.toMillis()))
                        .all().toCompletionStage())
                .thenApply(offsets -> offsets.entrySet().stream()
                        .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset())));
    }

    /** The topics' partitions, described once (a topic's partitions are only ever added by an operator's restart). */
    private CompletableFuture<Map<TopicPartition, OffsetSpec>> partitions() {
        Map<TopicPartition, OffsetSpec> known = partitions;
        if (known != null) {
            return CompletableFuture.completedFuture(known);
        }
        return admin.describeTopics(topics).allTopicNames().toCompletionStage().toCompletableFuture()
                .thenApply(described -> {
                    Map<TopicPartition, OffsetSpec> found = described.values().stream()
                            .flatMap(topic -> topic.partitions().stream()
                                    .map(p -> new TopicPartition(topic.name(), p.partition())))
                            .collect(Collectors.toMap(Function.identity(), p -> OffsetSpec.latest()));
                    partitions = found;
                    return found;
                });
    }
}
