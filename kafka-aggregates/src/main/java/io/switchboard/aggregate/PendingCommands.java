package io.switchboard.aggregate;

import io.switchboard.events.command.CommandReply;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/** Commands sent by this instance whose results have not come back yet, by command id. */
final class PendingCommands<R extends CommandReply> {

    private final Map<String, CompletableFuture<R>> waiting = new ConcurrentHashMap<>();

    CompletableFuture<R> register(String commandId, Duration timeout) {
        CompletableFuture<R> result = new CompletableFuture<>();
        waiting.put(commandId, result);
        result.whenComplete((r, e) -> waiting.remove(commandId));
        return result.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    boolean isWaitingFor(String commandId) {
        return commandId != null && waiting.containsKey(commandId);
    }

    void complete(R result) {
        CompletableFuture<R> future = waiting.get(result.commandId());
        if (future != null) {
            future.complete(result);
        }
    }

    void fail(String commandId, Throwable error) {
        CompletableFuture<R> future = waiting.get(commandId);
        if (future != null) {
            future.completeExceptionally(error);
        }
    }
}
