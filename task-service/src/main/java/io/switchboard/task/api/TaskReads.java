package io.switchboard.task.api;

import io.switchboard.aggregate.AggregateStore;
import io.switchboard.aggregate.ReadBarrier;
import io.switchboard.events.task.TaskState;
import io.switchboard.task.store.TaskQuery;
import org.springframework.http.HttpStatus;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.time.Duration;
import java.util.Map;

/** Reads of the task store, each after the read-your-writes barrier when that is on. */
final class TaskReads {

    private final AggregateStore<TaskState> store;
    private final ReadBarrier barrier;
    private final boolean readYourWrites;
    private final Duration timeout;

    TaskReads(AggregateStore<TaskState> store, ReadBarrier barrier, boolean readYourWrites, Duration timeout) {
        this.store = store;
        this.barrier = barrier;
        this.readYourWrites = readYourWrites;
        this.timeout = timeout;
    }

    Mono<TaskState> one(String taskId) {
        return consistent().then(Mono.fromSupplier(() -> store.get(taskId).orElseThrow(
                () -> ApiException.notFound(taskId))));
    }

    Mono<TaskQuery.Page> page(TaskQuery query) {
        return consistent().then(Mono.fromSupplier(() -> query.run(store.all())));
    }

    private Mono<Void> consistent() {
        if (!readYourWrites) {
            return Mono.empty();
        }
        return Mono.fromCallable(() -> barrier.await(timeout))
                .subscribeOn(Schedulers.boundedElastic())
                .flatMap(caughtUp -> caughtUp ? Mono.<Void>empty() : Mono.error(new ApiException(
                        HttpStatus.SERVICE_UNAVAILABLE, "Task state is not readable right now; retry shortly",
                        null, Map.of())));
    }
}
