package io.switchboard.task.lifecycle;

import io.switchboard.events.task.Priority;
import io.switchboard.events.task.RetryPolicy;

/**
 * What a task gets when its creator does not say: the priority, the retry policy (one attempt by default, so
 * that a failure ends the task as in the seed), how many history lines a task keeps, and how long it stays once
 * finished.
 */
public record TaskDefaults(Priority priority, RetryPolicy retryPolicy, int historyLimit, TaskRetention retention) {
}
