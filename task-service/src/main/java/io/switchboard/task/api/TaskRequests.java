package io.switchboard.task.api;

import io.switchboard.web.ApiException;
import io.switchboard.web.JsonBody;
import io.switchboard.events.task.AssignmentMode;
import io.switchboard.events.task.ImportedState;
import io.switchboard.events.task.Priority;
import io.switchboard.events.task.RetryPolicy;
import io.switchboard.events.task.TaskSpec;
import io.switchboard.events.task.TaskStatus;
import io.switchboard.task.lifecycle.TaskRules;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

/** Reads the bodies of the task API's writes into command contents, or answers 400 naming the field. */
final class TaskRequests {

    static final Set<String> CREATE_FIELDS = Set.of("id", "name", "description", "priority", "eta",
            "requiredCapabilities", "preferredCapabilities", "labels", "fairnessKey", "concurrencyKey", "assignmentMode",
            "dueAt", "maxAttempts",
            "retryBackoff");
    static final Set<String> IMPORT_FIELDS = union(CREATE_FIELDS, Set.of("status", "agent", "progress", "createdAt",
            "assignedAt", "startedAt", "completedAt", "failedAt", "failureReason"));

    private TaskRequests() {
    }

    /** The id and spec of a create; the id may be absent (the caller then derives one). */
    record NewTask(String id, TaskSpec spec) {
    }

    static NewTask newTask(JsonBody body, RetryPolicy defaultRetry) {
        String id = body.string("id");
        if (id != null) {
            TaskRules.taskId(id).ifPresent(TaskRequests::reject);
        }
        String name = body.string("name");
        if (name == null) {
            throw ApiException.badRequest("name is required", "name");
        }
        Integer maxAttempts = body.integer("maxAttempts", false);
        if (maxAttempts != null && (maxAttempts < 1 || maxAttempts > TaskRules.MAX_ATTEMPTS)) {
            throw ApiException.badRequest("maxAttempts must be between 1 and " + TaskRules.MAX_ATTEMPTS,
                    "maxAttempts");
        }
        Duration backoff = body.duration("retryBackoff");
        RetryPolicy retry = maxAttempts == null && backoff == null ? null
                : new RetryPolicy(maxAttempts == null ? defaultRetry.maxAttempts() : maxAttempts,
                backoff == null ? defaultRetry.backoff() : backoff);
        TaskSpec spec = new TaskSpec(name.trim(), body.string("description"),
                body.enumValue("priority", Priority.class), body.string("eta"),
                body.strings("requiredCapabilities"), body.strings("preferredCapabilities"),
                body.stringMap("labels"), body.string("fairnessKey"), body.string("concurrencyKey"),
                body.enumValue("assignmentMode", AssignmentMode.class),
                body.instant("dueAt"), retry);
        TaskRules.check(spec).ifPresent(TaskRequests::reject);
        return new NewTask(id, spec);
    }

    static ImportedState importedState(JsonBody body) {
        TaskStatus status = body.enumValue("status", TaskStatus.class);
        if (status == null) {
            throw ApiException.badRequest("status is required to import a task", "status");
        }
        Integer progress = body.integer("progress", false);
        if (progress != null) {
            TaskRules.progress(progress).ifPresent(TaskRequests::reject);
        }
        String failureReason = body.string("failureReason");
        TaskRules.text("failureReason", failureReason, TaskRules.MAX_REASON, false).ifPresent(TaskRequests::reject);
        return new ImportedState(status, body.string("agent"), progress == null ? 0 : progress,
                body.instant("createdAt"), body.instant("assignedAt"), body.instant("startedAt"),
                body.instant("completedAt"), body.instant("failedAt"), failureReason);
    }

    /** The progress update {@code {progress, status}} of the seed. */
    record Progress(int progress, TaskStatus status) {
    }

    static Progress progress(JsonBody body) {
        body.allowOnly(Set.of("progress", "status"));
        int progress = body.integer("progress", true);
        TaskRules.progress(progress).ifPresent(TaskRequests::reject);
        return new Progress(progress, body.enumValue("status", TaskStatus.class));
    }

    static String reason(JsonBody body, boolean required) {
        body.allowOnly(Set.of("reason"));
        String reason = body.string("reason");
        TaskRules.reason(reason, required).ifPresent(TaskRequests::reject);
        return reason == null ? null : reason.trim();
    }

    private static void reject(TaskRules.Violation violation) {
        throw ApiException.badRequest(violation.message(), violation.field());
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new HashSet<>(a);
        all.addAll(b);
        return Set.copyOf(all);
    }
}
