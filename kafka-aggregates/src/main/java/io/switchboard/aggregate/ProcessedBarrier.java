package io.switchboard.aggregate;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsOptions;
import org.apache.kafka.common.TopicPartition;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Read-your-writes through a processor: waits until a command processor's group has handled everything written to
 * its command topics when asked (up to their ends, {@link CommittedEnds}). The processor commits its offsets in the transaction of what it wrote, so once its
 * committed offsets reach those ends, everything it made of those commands is committed too (and a state view that
 * then passes its own {@link ReadBarrier} sees it). The partitions this instance processes are answered from its own
 * committed offsets; the others from the group's, asked of the broker with concurrent reads sharing each request.
 */
public final class ProcessedBarrier implements Barrier {

    private final Admin admin;
    private final String groupId;
    private final Function<TopicPartition, Long> localCommitted;
    private final Duration pollInterval;
    private final CommittedEnds ends;
    private final CoalescedRequest<Map<TopicPartition, Long>> group = new CoalescedRequest<>(this::listGroup);

    /**
     * {@code localCommitted}: this instance's own committed offset of a partition it processes, null for one it does
     * not; {@code pollInterval}: how often the group's offsets are asked again while a read waits.
     */
    ProcessedBarrier(Admin admin, String groupId, List<String> topics, Function<TopicPartition, Long> localCommitted,
                     Duration pollInterval) {
        this.admin = admin;
        this.groupId = groupId;
        this.ends = new CommittedEnds(admin, topics);
        this.localCommitted = localCommitted;
        this.pollInterval = pollInterval;
    }

    @Override
    public CompletableFuture<Boolean> ready(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        return ends.ask(timeout).thenCompose(targets -> reached(targets, deadline))
                .completeOnTimeout(false, timeout.toMillis(), TimeUnit.MILLISECONDS)
                .exceptionally(error -> false);
    }

    @Override
    public Duration unanswered() {
        Duration ends = this.ends.unanswered();
        Duration offsets = group.unanswered();
        return ends.compareTo(offsets) >= 0 ? ends : offsets;
    }

    private CompletableFuture<Boolean> reached(Map<TopicPartition, Long> targets, long deadline) {
        Map<TopicPartition, Long> remote = new HashMap<>();
        targets.forEach((partition, end) -> {
            Long local = localCommitted.apply(partition);
            if (end > 0 && (local == null || local < end)) {
                remote.put(partition, end);
            }
        });
        if (remote.isEmpty()) {
            return CompletableFuture.completedFuture(true);
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
            return CompletableFuture.completedFuture(false);
        }
        return group.ask(Duration.ofNanos(left)).thenCompose(committed -> {
            boolean all = remote.entrySet().stream()
                    .allMatch(target -> committed.getOrDefault(target.getKey(), -1L) >= target.getValue());
            if (all) {
                return CompletableFuture.completedFuture(true);
            }
            return CompletableFuture.supplyAsync(() -> null,
                            CompletableFuture.delayedExecutor(pollInterval.toNanos(), TimeUnit.NANOSECONDS))
                    .thenCompose(ignored -> reached(remote, deadline));
        });
    }

    private CompletableFuture<Map<TopicPartition, Long>> listGroup(Duration timeout) {
        return admin.listConsumerGroupOffsets(groupId,
                        new ListConsumerGroupOffsetsOptions().timeoutMs((int) timeout.toMillis()))
                .partitionsToOffsetAndMetadata().toCompletionStage().toCompletableFuture()
                .thenApply(offsets -> {
                    Map<TopicPartition, Long> committed = new HashMap<>();
                    offsets.forEach((partition, offset) -> {
                        if (offset != null) {
                            committed.put(partition, offset.offset());
                        }
                    });
                    return committed;
                });
    }
}
