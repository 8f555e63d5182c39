package io.switchboard.task.lifecycle;

import io.switchboard.events.task.Priority;
import io.switchboard.events.task.RetryPolicy;

/**
 * What a task gets when its creator does not say: the priority, the retry policy (one attempt by default, so
 * that a failure ends the task as in the seed) and how many history lines a task keeps.
 */
public record TaskDefaults(Priority priority, RetryPolicy retryPolicy, int historyLimit) {
}
