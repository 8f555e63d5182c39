package io.switchboard.task.api;

import io.switchboard.aggregate.AggregateStore;
import io.switchboard.events.task.TaskState;
import io.switchboard.task.store.TaskQuery;
import io.switchboard.web.ApiException;
import io.switchboard.web.ConsistentReads;
import reactor.core.publisher.Mono;

/** Reads of the task store, each after the read-your-writes barrier when that is on. */
final class TaskReads {

    private final AggregateStore<TaskState> store;
    private final ConsistentReads consistent;

    TaskReads(AggregateStore<TaskState> store, ConsistentReads consistent) {
        this.store = store;
        this.consistent = consistent;
    }

    Mono<TaskState> one(String taskId) {
        return consistent.ready().then(Mono.fromSupplier(() -> find(taskId)));
    }

    /**
     * The task at {@code minVersion} or later: at once when this instance holds it (no broker round trip), else once
     * caught up (the latest committed version, which may be older if that version was never written); 503 with
     * {@code Retry-After} when the broker cannot be reached to tell.
     */
    Mono<TaskState> atLeast(String taskId, long minVersion) {
        return store.get(taskId).filter(state -> state.version() >= minVersion).map(Mono::just)
                .orElseGet(() -> consistent.caughtUp().then(Mono.fromSupplier(() -> find(taskId))));
    }

    private TaskState find(String taskId) {
        return store.get(taskId).orElseThrow(() -> TaskController.notFound(taskId));
    }

    Mono<TaskQuery.Page> page(TaskQuery query) {
        return consistent.ready().then(Mono.fromSupplier(() -> query.run(store.all())));
    }

    /** A page and the counts of every task, from the same read. */
    Mono<Listing> pageAndCounts(TaskQuery query) {
        return consistent.ready().then(Mono.fromSupplier(() -> {
            TaskQuery.Tally tally = new TaskQuery.Tally();
            TaskQuery.Page page = query.run(store.all(), tally);
            return new Listing(page, tally.counts());
        }));
    }

    record Listing(TaskQuery.Page page, TaskQuery.Counts counts) {
    }
}
