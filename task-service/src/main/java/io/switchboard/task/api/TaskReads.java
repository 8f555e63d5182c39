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
        return consistent.ready().then(Mono.fromSupplier(() -> store.get(taskId).orElseThrow(
                () -> TaskController.notFound(taskId))));
    }

    Mono<TaskQuery.Page> page(TaskQuery query) {
        return consistent.ready().then(Mono.fromSupplier(() -> query.run(store.all())));
    }
}
