package io.switchboard.task.kafka;

import io.switchboard.events.command.CommandResult;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/** Commands sent by this instance whose results have not come back yet, by command id. */
public final class PendingCommands {

    private final Map<String, CompletableFuture<CommandResult>> waiting = new ConcurrentHashMap<>();

    public CompletableFuture<CommandResult> register(String commandId, Duration timeout) {
        CompletableFuture<CommandResult> result = new CompletableFuture<>();
        waiting.put(commandId, result);
        result.whenComplete((r, e) -> waiting.remove(commandId));
        return result.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    public boolean isWaitingFor(String commandId) {
        return commandId != null && waiting.containsKey(commandId);
    }

    public void complete(CommandResult result) {
        CompletableFuture<CommandResult> future = waiting.get(result.commandId());
        if (future != null) {
            future.complete(result);
        }
    }

    public void fail(String commandId, Throwable error) {
        CompletableFuture<CommandResult> future = waiting.get(commandId);
        if (future != null) {
            future.completeExceptionally(error);
        }
    }
}
